package dev.cumulus.engine.job;

import static dev.cumulus.config.Validator.allAtLeast;
import static dev.cumulus.config.Validator.any;
import static dev.cumulus.config.Validator.between;

import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.Validator;
import dev.cumulus.config.ValueType;
import java.util.List;

/**
 * Stragglers and failures injected into a real run, seeded, so that protocols that tolerate them
 * can be compared on this machine: persistently slow workers, a random extra delay on every
 * step, and workers that fail once at a given round.
 *
 * @param slow ranks whose computation takes {@code factor} times as long
 * @param delay extra time per step on every worker: {@code none}, {@code shifted-exponential:SHIFT,MEAN}
 *     or {@code pareto:SCALE,SHAPE} (milliseconds)
 * @param fail ranks that fail once, at round {@code failRound}, on their first attempt
 */
public record StragglerSpec(List<Integer> slow, double factor, String delay, List<Integer> fail, long failRound) {

    static final ConfigKey SLOW = new ConfigKey("stragglers.slow", ValueType.INT_LIST, null, allAtLeast(0),
            "Ranks of persistently slow workers (unset: none).");
    static final ConfigKey FACTOR = new ConfigKey("stragglers.factor", ValueType.DOUBLE, 5.0, between(1, 1000),
            "How many times longer a slow worker's computation takes.");
    static final ConfigKey DELAY = new ConfigKey("stragglers.delay", ValueType.STRING, "none", new DelayValidator(),
            "Time per step (coded: per chunk) on every worker, added to its computation, drawn from "
                    + "`shifted-exponential:SHIFT,MEAN` or `pareto:SCALE,SHAPE` (milliseconds), seeded by the job's "
                    + "seed; `none` for no delay. A slow worker's factor applies to both.");
    static final ConfigKey FAIL = new ConfigKey("stragglers.fail", ValueType.INT_LIST, null, allAtLeast(0),
            "Ranks that fail once, at `stragglers.failRound`, on their first attempt (a process platform's "
                    + "function process exits, as when killed; on threads the invocation throws).");
    static final ConfigKey FAIL_ROUND = new ConfigKey("stragglers.failRound", ValueType.LONG, 1L, any(),
            "The round at which the `stragglers.fail` ranks fail.");

    public static final List<ConfigKey> KEYS = List.of(SLOW, FACTOR, DELAY, FAIL, FAIL_ROUND);

    public StragglerSpec {
        slow = slow == null ? List.of() : List.copyOf(slow);
        fail = fail == null ? List.of() : List.copyOf(fail);
    }

    @SuppressWarnings("unchecked")
    static StragglerSpec bind(Job job) {
        return new StragglerSpec((List<Integer>) job.value(SLOW.name()), job.decimal(FACTOR.name()),
                job.string(DELAY.name()), (List<Integer>) job.value(FAIL.name()), job.longValue(FAIL_ROUND.name()));
    }

    /** The parameters of {@link #delay}, or null for none. */
    public double[] delayParameters() {
        if (delay.equals("none")) {
            return null;
        }
        String[] parts = delay.substring(delay.indexOf(':') + 1).split(",");
        return new double[] {Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())};
    }

    /** none, shifted-exponential:SHIFT,MEAN or pareto:SCALE,SHAPE with positive numbers. */
    private static final class DelayValidator implements Validator {
        @Override
        public String check(Object value) {
            String s = value.toString();
            if (s.equals("none")) {
                return null;
            }
            int colon = s.indexOf(':');
            String kind = colon < 0 ? s : s.substring(0, colon);
            if (colon < 0 || !(kind.equals("shifted-exponential") || kind.equals("pareto"))) {
                return describe();
            }
            String[] parts = s.substring(colon + 1).split(",");
            try {
                if (parts.length == 2 && Double.parseDouble(parts[0].trim()) >= 0 && Double.parseDouble(parts[1].trim()) > 0) {
                    return null;
                }
            } catch (NumberFormatException e) {
                // falls through
            }
            return describe();
        }

        @Override
        public String describe() {
            return "none, shifted-exponential:SHIFT,MEAN or pareto:SCALE,SHAPE (milliseconds; SHIFT >= 0, the other > 0)";
        }
    }
}
