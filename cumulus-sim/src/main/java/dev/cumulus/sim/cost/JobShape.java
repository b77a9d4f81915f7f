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
 * how many passes, and how the workers synchronise. The number of workers is not part of it: a prediction
 * varies it.
 *
 * @param trainRows training rows, before they are split over the workers
 * @param bytesPerRow bytes of one row in a staged chunk
 * @param messageFloats floats each worker contributes to a round (GA-SGD: the gradient plus loss and count)
 * @param checkpointFloats floats rank 0 writes after every round (parameters and optimiser state)
 * @param batchSize rows per worker per step (GA-SGD)
 * @param epochs passes over the data (k-means: iterations, one round each)
 * @param kmeans k-means (one round per iteration) rather than GA-SGD (one round per batch)
 * @param pattern how a round's vectors are summed
 * @param sync BSP (every round waits for the slowest) or ASP (no barrier)
 * @param memoryMb memory of each function
 * @param timeoutSeconds time limit of one invocation; a longer worker invokes successors
 */
public record JobShape(long trainRows, double bytesPerRow, long messageFloats, long checkpointFloats, int batchSize,
        int epochs, boolean kmeans, Pattern pattern, Sync sync, int memoryMb, int timeoutSeconds) {

    /** How a round's vectors are summed. */
    public enum Pattern { ALLREDUCE, SCATTER_REDUCE }

    /** Whether a round waits for every worker. */
    public enum Sync { BSP, ASP }

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
        Check.atLeast("memoryMb", memoryMb, 1);
        Check.atLeast("timeoutSeconds", timeoutSeconds, 1);
        java.util.Objects.requireNonNull(pattern, "pattern");
        java.util.Objects.requireNonNull(sync, "sync");
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
        long message;
        long checkpoint;
        if (settings.kmeans()) {
            int k = job.model().k();
            int d = train.cols();
            message = (long) k * (d + 1) + 1;
            checkpoint = (long) k * d;
        } else {
            long p = Models.create(job.model(), train.cols(), train.numClasses()).parameterCount();
            message = p + 2;
            int stateCopies = switch (job.training().optimizer().type()) {
                case "momentum" -> 1;
                case "adam" -> 2;
                default -> 0;
            };
            checkpoint = p * (1 + stateCopies);
        }
        return new JobShape(train.rows(), bytesPerRow, message, checkpoint, job.training().batchSize(),
                job.training().epochs(), settings.kmeans(),
                settings.pattern().equals(LambdaMlSettings.SCATTER_REDUCE) ? Pattern.SCATTER_REDUCE : Pattern.ALLREDUCE,
                settings.sync().equals(LambdaMlSettings.ASP) ? Sync.ASP : Sync.BSP,
                job.platform().memoryMb(), job.platform().timeoutSeconds());
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
     * takes the smallest chunk's count; under ASP each its own, the largest chunk's being the longest).
     */
    public long stepsPerEpoch(int workers) {
        if (kmeans) {
            return 1;
        }
        long common = sync == Sync.BSP ? minChunkRows(workers) : maxChunkRows(workers);
        if (common < 1 || maxChunkRows(workers) > Integer.MAX_VALUE) {
            return 1; // more workers than rows: refused by the engine (and by TrainScenario)
        }
        return new BatchSchedule(0, 0, (int) maxChunkRows(workers), (int) common, batchSize).stepsPerEpoch();
    }

    /** Rounds (steps) of the whole job with {@code workers}. */
    public long rounds(int workers) {
        return epochs * stepsPerEpoch(workers);
    }

    /** Bytes of one exchanged vector. */
    public double messageBytes() {
        return messageFloats * (double) Float.BYTES;
    }

    /** Bytes of the largest staged chunk. */
    public double chunkBytes(int workers) {
        return ChunkCodec.HEADER_BYTES + maxChunkRows(workers) * bytesPerRow;
    }

    /** Rows processed per worker per epoch by the slowest (largest) chunk. */
    public double rowsPerRound(int workers) {
        return (double) maxChunkRows(workers) / stepsPerEpoch(workers);
    }

    /** The shape of the same job trained for a different number of epochs. */
    public JobShape withEpochs(int newEpochs) {
        return new JobShape(trainRows, bytesPerRow, messageFloats, checkpointFloats, batchSize, newEpochs, kmeans,
                pattern, sync, memoryMb, timeoutSeconds);
    }
}
