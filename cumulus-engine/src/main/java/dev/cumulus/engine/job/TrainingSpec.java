package dev.cumulus.engine.job;

import static dev.cumulus.config.Validator.any;
import static dev.cumulus.config.Validator.between;
import static dev.cumulus.config.Validator.greaterThan;
import static dev.cumulus.config.Validator.oneOf;

import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import dev.cumulus.optim.LearningRateSchedule;
import dev.cumulus.optim.OptimizerSpec;
import java.util.List;

/**
 * How a model is trained, whatever the protocol: the update rule, batch size, epochs and an
 * optional target loss (the shared keys of the {@code algorithm} section).
 *
 * @param batchSize examples per worker per step
 * @param epochs passes over the training data (k-means: iterations)
 * @param targetLoss stop once an epoch's training loss is at or below it; null for no target
 * @param schedule how the learning rate changes: constant, step, inverse-sqrt or cosine
 * @param warmupSteps steps of linear warm-up before the schedule
 * @param decayFactor step schedule: the factor applied every {@code decayEpochs} epochs
 * @param decayEpochs step schedule: epochs between two decays
 */
public record TrainingSpec(OptimizerSpec optimizer, int batchSize, int epochs, Double targetLoss, String schedule,
        int warmupSteps, double decayFactor, double decayEpochs) {

    static final ConfigKey OPTIMIZER = new ConfigKey("algorithm.optimizer", ValueType.STRING, "adam",
            oneOf("sgd", "momentum", "adam"), "Update rule applied to the averaged gradient. Adam by default: with "
                    + "the default rate it trains every model type well on standardised features without tuning.");
    static final ConfigKey LEARNING_RATE = new ConfigKey("algorithm.learningRate", ValueType.DOUBLE, null,
            greaterThan(0), "Step size. Unset: the usual rate of the optimizer, 0.001 for adam, 0.01 for momentum, "
                    + "0.1 for sgd.");
    static final ConfigKey MOMENTUM = new ConfigKey("algorithm.momentum", ValueType.DOUBLE, 0.9,
            between(0, 0.9999), "Momentum coefficient (optimizer `momentum` only).");
    static final ConfigKey BATCH_SIZE = new ConfigKey("algorithm.batchSize", ValueType.INT, 64,
            between(1, 10_000_000), "Examples per worker per step; the global batch is `workers` times this.");
    static final ConfigKey EPOCHS = new ConfigKey("algorithm.epochs", ValueType.INT, 5, between(1, 1_000_000),
            "Passes over the training data (k-means: iterations; lambdaml lbfgs: the most L-BFGS iterations, "
                    + "each one or more full passes, one per line-search trial).");
    static final ConfigKey TARGET_LOSS = new ConfigKey("algorithm.targetLoss", ValueType.DOUBLE, null, any(),
            "Stop early once the epoch's training loss is at or below this value (lambdaml lbfgs: the objective "
                    + "at an iteration's accepted point, summed over all workers).");

    static final ConfigKey SCHEDULE = new ConfigKey("algorithm.schedule", ValueType.STRING, null,
            oneOf(LearningRateSchedule.TYPES.toArray(String[]::new)),
            "How the learning rate changes over the run. Unset: cosine, so that the last epochs settle into the "
                    + "minimum instead of circling it; constant for ADMM, whose local solves restart every round. "
                    + "The choices: constant, step decay (`decayFactor` every `decayEpochs`), "
                    + "inverse square root of the step (after the warm-up), or cosine down to the last step.");
    static final ConfigKey WARMUP = new ConfigKey("algorithm.warmupSteps", ValueType.INT, 0, between(0, 100_000_000),
            "Steps over which the learning rate rises linearly from rate/warmupSteps to the rate (0: none).");
    static final ConfigKey DECAY_FACTOR = new ConfigKey("algorithm.decayFactor", ValueType.DOUBLE, 0.1,
            between(1e-9, 1), "Step schedule: the factor applied to the rate every `decayEpochs` epochs.");
    static final ConfigKey DECAY_EPOCHS = new ConfigKey("algorithm.decayEpochs", ValueType.DOUBLE, 1.0,
            greaterThan(0), "Step schedule: epochs between two decays (fractions allowed).");

    /** The keys, in the order the reference lists them. */
    public static final List<ConfigKey> KEYS = List.of(OPTIMIZER, LEARNING_RATE, MOMENTUM, BATCH_SIZE, EPOCHS,
            TARGET_LOSS, SCHEDULE, WARMUP, DECAY_FACTOR, DECAY_EPOCHS);

    /** The schedule of a run whose epochs take {@code stepsPerEpoch} steps. */
    public LearningRateSchedule schedule(int stepsPerEpoch) {
        long every = Math.max(1, Math.round(decayEpochs * stepsPerEpoch));
        return new LearningRateSchedule(schedule, warmupSteps, decayFactor, every);
    }

    /** The rate an expert starts from with each update rule, on standardised features. */
    static double defaultRate(String optimizer) {
        return switch (optimizer) {
            case "adam" -> 0.001;
            case "momentum" -> 0.01;
            default -> 0.1;
        };
    }

    static TrainingSpec bind(Job job, ProtocolSettings settings, List<String> warnings) {
        String type = job.string(OPTIMIZER.name());
        double lr = job.optionalDecimal(LEARNING_RATE.name()).orElse(defaultRate(type));
        OptimizerSpec optimizer = switch (type) {
            case "momentum" -> OptimizerSpec.momentum(lr, job.decimal(MOMENTUM.name()));
            case "adam" -> OptimizerSpec.adam(lr);
            default -> OptimizerSpec.sgd(lr);
        };
        if (!type.equals("momentum")) {
            job.warnIfSet(MOMENTUM.name(), "it applies to algorithm.optimizer momentum, not " + type, warnings);
        }
        String schedule = job.optionalString(SCHEDULE.name()).orElse(settings.defaultSchedule());
        if (!schedule.equals("step")) {
            job.warnIfSet(DECAY_FACTOR.name(), "it applies to algorithm.schedule step, not " + schedule, warnings);
            job.warnIfSet(DECAY_EPOCHS.name(), "it applies to algorithm.schedule step, not " + schedule, warnings);
        }
        return new TrainingSpec(optimizer, job.integer(BATCH_SIZE.name()), job.integer(EPOCHS.name()),
                job.optionalDecimal(TARGET_LOSS.name()).orElse(null), schedule, job.integer(WARMUP.name()),
                job.decimal(DECAY_FACTOR.name()), job.decimal(DECAY_EPOCHS.name()));
    }
}
