package dev.cumulus.aggregate;

import java.util.List;
import java.util.Objects;

/**
 * An aggregation rule preceded by a chain of pre-aggregators, e.g. clipping, then NNM, then Krum;
 * itself an {@link Aggregator}, so a chain goes wherever a rule does.
 *
 * <p>Its precondition is the fewest inputs for which every stage's own precondition holds on the
 * vectors that reach it (bucketing shrinks n, so Krum after bucketing of 2 needs about twice as
 * many inputs); it is checked once, before the first stage, so the message names the input count
 * the caller passed.
 */
public final class ComposedAggregator implements Aggregator {
    private final List<PreAggregator> stages;
    private final Aggregator rule;
    private final Precondition precondition;

    public ComposedAggregator(List<PreAggregator> stages, Aggregator rule) {
        this.stages = List.copyOf(stages);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.precondition = combined(this.stages, rule);
    }

    private static Precondition combined(List<PreAggregator> stages, Aggregator rule) {
        Precondition last = rule.precondition();
        if (stages.isEmpty()) {
            return last;
        }
        int needed = last.minInputs();
        StringBuilder name = new StringBuilder();
        StringBuilder parts = new StringBuilder();
        for (int s = stages.size() - 1; s >= 0; s--) {
            PreAggregator stage = stages.get(s);
            needed = Math.max(stage.precondition().minInputs(), stage.inputsFor(needed));
        }
        for (PreAggregator stage : stages) {
            name.append(stage.precondition().rule()).append(" then ");
            parts.append(stage.precondition().rule()).append(' ').append(stage.precondition().formula()).append(", ");
        }
        name.append(last.rule());
        parts.append(last.rule()).append(' ').append(last.formula()).append(" on what reaches it");
        return new Precondition(name.toString(), last.f(), "n >= " + needed + " (" + parts + ")", needed);
    }

    public List<PreAggregator> stages() {
        return stages;
    }

    public Aggregator rule() {
        return rule;
    }

    @Override
    public Precondition precondition() {
        return precondition;
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        Vectors.checkedLength(precondition.rule(), inputs);
        precondition.check(inputs.length);
        float[][] current = inputs;
        for (PreAggregator stage : stages) {
            current = stage.apply(current);
        }
        return rule.aggregate(current);
    }

    @Override
    public String toString() {
        return stages.isEmpty() ? rule.toString() : stages + " then " + rule;
    }
}
