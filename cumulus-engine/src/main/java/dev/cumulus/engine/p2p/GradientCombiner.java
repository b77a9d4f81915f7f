package dev.cumulus.engine.p2p;

import dev.cumulus.aggregate.Aggregator;
import dev.cumulus.aggregate.AggregatorSpec;
import dev.cumulus.aggregate.Aggregators;
import dev.cumulus.aggregate.Mean;
import dev.cumulus.aggregate.Screening;
import dev.cumulus.aggregate.TooFewInputsException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How an honest peer turns a round's published messages (mean gradient, mean loss, 1) into the step
 * it takes: it first drops every message that is not p + 2 finite values ({@link Screening}), so a
 * Byzantine NaN or a vector of the wrong length can neither crash it nor poison the rule; then it
 * combines the gradients of the rest with the job's rule. Each dropped message is a Byzantine peer
 * that revealed itself, so when the rule's precondition fails on what is left, the rule is rebuilt
 * for f minus the dropped count; if even that fails, the mean of what is left is taken and said so.
 *
 * <p>Pure apart from the rule's own state (centred clipping remembers its last output): the
 * simulation harness of the Byzantine benchmark runs this very class.
 */
public final class GradientCombiner {
    private final AggregatorSpec spec;
    private final int parameters;
    private final Screening screening;
    private final Map<Integer, Aggregator> rules = new HashMap<>();

    /** @param parameters p, the model's parameter count (messages hold p + 2 values) */
    public GradientCombiner(AggregatorSpec spec, int parameters) {
        this.spec = spec;
        this.parameters = parameters;
        this.screening = new Screening(parameters + 2);
        rules.put(spec.f(), Aggregators.create(spec));
    }

    /**
     * The combined step of one round.
     *
     * @param gradient the rule's output, p values
     * @param meanLoss the mean of the kept messages' losses
     * @param droppedIndices the indices of the dropped messages in the input order
     * @param fallback why the rule was not applied as declared, or null
     */
    public record Combined(float[] gradient, double meanLoss, int[] droppedIndices, String fallback) {
    }

    /** @param messages the round's messages in rank order */
    public Combined combine(float[][] messages) {
        Screening.Result screened = screening.screen(messages);
        float[][] kept = screened.kept();
        if (kept.length == 0) {
            throw new IllegalStateException("every one of the round's " + messages.length + " gradients was malformed");
        }
        float[][] inputs = new float[kept.length][];
        double loss = 0;
        for (int i = 0; i < kept.length; i++) {
            inputs[i] = Arrays.copyOf(kept[i], parameters);
            loss += kept[i][parameters];
        }
        loss /= kept.length;
        try {
            return new Combined(rules.get(spec.f()).aggregate(inputs), loss, screened.droppedIndices(), null);
        } catch (TooFewInputsException declared) {
            int f = screened.remainingByzantine(spec.f());
            if (f < spec.f()) {
                try {
                    Aggregator rule = rules.computeIfAbsent(f, k -> Aggregators.create(
                            new AggregatorSpec(spec.rule(), k, spec.parameters(), spec.preAggregators())));
                    return new Combined(rule.aggregate(inputs), loss, screened.droppedIndices(),
                            declared.getMessage() + "; declared for f = " + f + " after dropping " + screened.dropped());
                } catch (TooFewInputsException lowered) {
                    // the mean below
                }
            }
            return new Combined(new Mean().aggregate(inputs), loss, screened.droppedIndices(),
                    declared.getMessage() + "; combined " + inputs.length + " gradients by their mean");
        }
    }
}
