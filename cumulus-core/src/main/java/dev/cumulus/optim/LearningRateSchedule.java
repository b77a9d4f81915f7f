package dev.cumulus.optim;

import java.util.List;

/**
 * How the learning rate changes over a run, as a factor of the configured rate: an optional
 * linear warm-up, then constant, step decay, inverse square root or cosine decay.
 *
 * @param type constant, step, inverse-sqrt or cosine
 * @param warmupSteps steps over which the factor rises linearly to 1 (0 for none)
 * @param decayFactor step decay: the factor applied every {@code decayEverySteps} steps
 * @param decayEverySteps step decay: steps between two decays
 */
public record LearningRateSchedule(String type, long warmupSteps, double decayFactor, long decayEverySteps) {
    public static final List<String> TYPES = List.of("constant", "step", "inverse-sqrt", "cosine");

    public LearningRateSchedule {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("Invalid value " + type + " for schedule: expected one of " + TYPES);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("Invalid value " + warmupSteps + " for warmupSteps: expected >= 0");
        }
        if (!(decayFactor > 0 && decayFactor <= 1)) {
            throw new IllegalArgumentException("Invalid value " + decayFactor + " for decayFactor: expected in (0, 1]");
        }
        if (decayEverySteps < 1) {
            throw new IllegalArgumentException("Invalid value " + decayEverySteps + " for decayEverySteps: expected >= 1");
        }
    }

    /** No schedule: the configured rate throughout. */
    public static LearningRateSchedule constant() {
        return new LearningRateSchedule("constant", 0, 1, 1);
    }

    /**
     * The factor for the 0-based {@code step} of a run of {@code totalSteps} steps: in (0, 1],
     * exactly 1 for a constant schedule without warm-up.
     */
    public double scale(long step, long totalSteps) {
        if (step < warmupSteps) {
            return (step + 1) / (double) warmupSteps;
        }
        switch (type) {
            case "step":
                return Math.pow(decayFactor, (step - warmupSteps) / decayEverySteps);
            case "inverse-sqrt":
                // 1 at the end of the warm-up, then 1/sqrt(step): the rate transformers train with.
                double w = Math.max(1, warmupSteps);
                return Math.sqrt(w / Math.max(w, step + 1));
            case "cosine":
                long span = Math.max(1, totalSteps - warmupSteps);
                double done = Math.min(1, (step - warmupSteps) / (double) span);
                // Never exactly 0: the last step still moves.
                return Math.max(1e-3, 0.5 * (1 + Math.cos(Math.PI * done)));
            default:
                return 1;
        }
    }
}
