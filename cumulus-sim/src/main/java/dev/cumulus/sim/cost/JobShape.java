package dev.cumulus.sim.cost;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.engine.job.JobSpec;
import dev.cumulus.engine.protocol.BatchSchedule;
import dev.cumulus.engine.lambdaml.LambdaMlSettings;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.model.Models;

/**
 * What of a job decides its time and cost, whatever runs it: how much data, how large the exchanged vector,
 * how many passes, which of LambdaML's algorithms and patterns, and how the workers synchronise. The number of
 * workers is not part of it: a prediction varies it.
 *
 * @param trainRows training rows, before they are split over the workers
 * @param bytesPerRow bytes of one row in a staged chunk
 * @param messageFloats floats each worker contributes to a round (GA-SGD: the gradient plus loss and count;
 *     MA-SGD and ADMM: the model plus loss and count; the parameter server: the gradient pushed, the model pulled)
 * @param checkpointFloats floats of one checkpoint (GA-SGD: rank 0's model and optimiser state after every round;
 *     MA-SGD: each worker's own model and state; ADMM: each worker's z, x and u and state); the published model
 *     is the parameters alone
 * @param batchSize rows per worker per step
 * @param epochs passes over the data (k-means and ADMM: iterations, one round each)
 * @param algorithm GA-SGD, MA-SGD, ADMM or k-means
 * @param localSteps MA-SGD and ADMM: local steps between two exchanges (0: one epoch of the chunk)
 * @param pattern how a round's vectors are summed, or the parameter server that holds the model
 * @param sync BSP (every round waits for the slowest) or ASP (no barrier)
 * @param memoryMb memory of each function
 * @param timeoutSeconds time limit of one invocation; a longer worker invokes successors
 * @param serverInstanceType the EC2 instance type the parameter server is priced as (pattern parameter-server)
 */
public record JobShape(long trainRows, double bytesPerRow, long messageFloats, long checkpointFloats, int batchSize,
        int epochs, Algorithm algorithm, int localSteps, Pattern pattern, Sync sync, int memoryMb,
        int timeoutSeconds, String serverInstanceType) {

    /** How a round's vectors are summed: through the store, or by a parameter server (LambdaML's hybrid). */
    public enum Pattern { ALLREDUCE, SCATTER_REDUCE, PARAMETER_SERVER }

    /** Whether a round waits for every worker. */
    public enum Sync { BSP, ASP }

    /** LambdaML's distributed algorithms. */
    public enum Algorithm { GA_SGD, MA_SGD, ADMM, KMEANS }

    /**
     * ADMM evaluates the objective at z over its whole chunk every iteration: a forward pass, about half the
     * work of a row's forward pass, gradient and update for the linear models ADMM runs (two matrix-vector
     * products against one).
     */
    public static final double LOSS_PASS_FRACTION = 0.5;

    public JobShape {
        if (trainRows < 1) {
            throw new InvalidParameterException("trainRows", "Invalid value " + trainRows
                    + " for trainRows: expected at least 1");
        }
        Check.positive("bytesPerRow", bytesPerRow);
        if (messageFloats < 1 || checkpointFloats < 0) {
            throw new InvalidParameterException("messageFloats", "Invalid vector sizes " + messageFloats + ", "
                    + checkpointFloats + ": expected messageFloats >= 1 and checkpointFloats >= 0");
        }
        Check.atLeast("batchSize", batchSize, 1);
        Check.atLeast("epochs", epochs, 1);
        Check.atLeast("localSteps", localSteps, 0);
        Check.atLeast("memoryMb", memoryMb, 1);
        Check.atLeast("timeoutSeconds", timeoutSeconds, 1);
        java.util.Objects.requireNonNull(algorithm, "algorithm");
        java.util.Objects.requireNonNull(pattern, "pattern");
        java.util.Objects.requireNonNull(sync, "sync");
        java.util.Objects.requireNonNull(serverInstanceType, "serverInstanceType");
        if (pattern == Pattern.PARAMETER_SERVER && algorithm != Algorithm.GA_SGD) {
            throw new InvalidParameterException("pattern", "A parameter server averages gradients: algorithm "
                    + algorithm + " cannot use it");
        }
    }

    /** A GA-SGD (or, with {@code kmeans}, a k-means) job exchanging through the store. */
    public JobShape(long trainRows, double bytesPerRow, long messageFloats, long checkpointFloats, int batchSize,
            int epochs, boolean kmeans, Pattern pattern, Sync sync, int memoryMb, int timeoutSeconds) {
        this(trainRows, bytesPerRow, messageFloats, checkpointFloats, batchSize, epochs,
                kmeans ? Algorithm.KMEANS : Algorithm.GA_SGD, 0, pattern, sync, memoryMb, timeoutSeconds, "m5.large");
    }

    /** Whether the job is k-means (one round per iteration, cluster statistics exchanged). */
    public boolean kmeans() {
        return algorithm == Algorithm.KMEANS;
    }

    /** Whether a parameter server holds the model (pulled and pushed every step) instead of the store. */
    public boolean parameterServer() {
        return pattern == Pattern.PARAMETER_SERVER;
    }

    /** The shape of a bound job; loads (or generates) its data once to count rows and bytes. */
    public static JobShape of(BoundJob bound) {
        JobSpec job = bound.spec();
        Dataset train = DataSources.load(job.data()).train();
        return of(job, train);
    }

    /** The shape of {@code job} over its training set {@code train}. */
    public static JobShape of(JobSpec job, Dataset train) {
        LambdaMlSettings settings = job.settings(LambdaMlSettings.class);
        int sample = Math.min(train.rows(), 10_000);
        double bytesPerRow = (double) (ChunkCodec.encodedBytes(train.slice(0, sample)) - ChunkCodec.HEADER_BYTES)
                / sample;
        Algorithm algorithm = switch (settings.algorithm()) {
            case LambdaMlSettings.MA_SGD -> Algorithm.MA_SGD;
            case LambdaMlSettings.ADMM -> Algorithm.ADMM;
            case LambdaMlSettings.KMEANS -> Algorithm.KMEANS;
            default -> Algorithm.GA_SGD;
        };
        long message;
        long checkpoint;
        if (algorithm == Algorithm.KMEANS) {
            int k = job.model().k();
            int d = train.cols();
            message = (long) k * (d + 1) + 1;
            checkpoint = (long) k * d;
        } else {
            long p = Models.create(job.model(), train.cols(), train.numClasses()).parameterCount();
            int stateCopies = switch (job.training().optimizer().type()) {
                case "momentum" -> 1;
                case "adam" -> 2;
                default -> 0;
            };
            // The parameter server's pushes and pulls carry the bare vector; the store's rounds add loss and count.
            message = settings.parameterServer() ? p : p + 2;
            checkpoint = algorithm == Algorithm.ADMM ? p * (3 + stateCopies) : p * (1 + stateCopies);
        }
        Pattern pattern = settings.parameterServer() ? Pattern.PARAMETER_SERVER
                : settings.pattern().equals(LambdaMlSettings.SCATTER_REDUCE) ? Pattern.SCATTER_REDUCE
                : Pattern.ALLREDUCE;
        return new JobShape(train.rows(), bytesPerRow, message, checkpoint, job.training().batchSize(),
                job.training().epochs(), algorithm, settings.localSteps(), pattern,
                settings.asynchronous() ? Sync.ASP : Sync.BSP,
                job.platform().memoryMb(), job.platform().timeoutSeconds(), settings.psInstanceType());
    }

    /** Rows of the largest chunk when the data is split over {@code workers}. */
    public long maxChunkRows(int workers) {
        return (trainRows + workers - 1) / workers;
    }

    /** Rows of the smallest chunk. */
    public long minChunkRows(int workers) {
        return trainRows / workers;
    }

    /**
     * Steps each worker takes per epoch: the engine's own {@link BatchSchedule} decides (under BSP every worker
     * takes the smallest chunk's count; under ASP, and in ADMM, each its own, the largest chunk's being the
     * longest); k-means takes one whole-chunk step.
     */
    public long stepsPerEpoch(int workers) {
        if (kmeans()) {
            return 1;
        }
        boolean own = sync == Sync.ASP || algorithm == Algorithm.ADMM;
        long common = own ? maxChunkRows(workers) : minChunkRows(workers);
        if (common < 1 || maxChunkRows(workers) > Integer.MAX_VALUE) {
            return 1; // more workers than rows: refused by the engine (and by TrainScenario)
        }
        return new BatchSchedule(0, 0, (int) maxChunkRows(workers), (int) common, batchSize).stepsPerEpoch();
    }

    /**
     * Optimiser steps between two exchanges: MA-SGD and ADMM take {@code localSteps} (at most an epoch's; 0 for
     * an epoch's), as the engine's {@code LambdaMlSettings.localStepsPer} has it; the others exchange every step.
     */
    public long stepsPerRound(int workers) {
        long steps = stepsPerEpoch(workers);
        if (algorithm != Algorithm.MA_SGD && algorithm != Algorithm.ADMM) {
            return 1;
        }
        return localSteps == 0 ? steps : Math.min(localSteps, steps);
    }

    /** Exchanges per epoch (ADMM and k-means: one per iteration; MA-SGD: the last one may cut a period short). */
    public long roundsPerEpoch(int workers) {
        return switch (algorithm) {
            case ADMM, KMEANS -> 1;
            case MA_SGD -> (stepsPerEpoch(workers) + stepsPerRound(workers) - 1) / stepsPerRound(workers);
            case GA_SGD -> stepsPerEpoch(workers);
        };
    }

    /** Rounds (exchanges) of the whole job with {@code workers}. */
    public long rounds(int workers) {
        return epochs * roundsPerEpoch(workers);
    }

    /** Bytes of one exchanged vector. */
    public double messageBytes() {
        return messageFloats * (double) Float.BYTES;
    }

    /** Bytes of the largest staged chunk. */
    public double chunkBytes(int workers) {
        return ChunkCodec.HEADER_BYTES + maxChunkRows(workers) * bytesPerRow;
    }

    /**
     * Row passes (forward, gradient, update) per round of the slowest (largest) chunk: an epoch's rows over its
     * rounds; ADMM: its local steps' batches plus the objective's pass over the chunk, at
     * {@link #LOSS_PASS_FRACTION}.
     */
    public double rowsPerRound(int workers) {
        double rowsPerStep = (double) maxChunkRows(workers) / stepsPerEpoch(workers);
        if (algorithm == Algorithm.ADMM) {
            return stepsPerRound(workers) * rowsPerStep + LOSS_PASS_FRACTION * maxChunkRows(workers);
        }
        return (double) maxChunkRows(workers) / roundsPerEpoch(workers);
    }

    /** Checkpoints written after each round: every worker its own (MA-SGD, ADMM), rank 0 (GA-SGD, k-means), none (the server keeps the model). */
    public int checkpointWriters(int workers) {
        return switch (algorithm) {
            case MA_SGD, ADMM -> workers;
            case GA_SGD -> parameterServer() ? 0 : 1;
            case KMEANS -> 1;
        };
    }

    /** Bytes of the model rank 0 publishes at the end. */
    public double modelBytes() {
        long floats = switch (algorithm) {
            case KMEANS -> checkpointFloats;
            case ADMM -> messageFloats - 2;
            case MA_SGD -> messageFloats - 2;
            case GA_SGD -> parameterServer() ? messageFloats : messageFloats - 2;
        };
        return Math.max(1, floats) * (double) Float.BYTES;
    }

    /** The shape of the same job trained for a different number of epochs. */
    public JobShape withEpochs(int newEpochs) {
        return new JobShape(trainRows, bytesPerRow, messageFloats, checkpointFloats, batchSize, newEpochs, algorithm,
                localSteps, pattern, sync, memoryMb, timeoutSeconds, serverInstanceType);
    }
}
