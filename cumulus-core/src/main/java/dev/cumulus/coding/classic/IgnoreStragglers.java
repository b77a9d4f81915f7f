package dev.cumulus.coding.classic;

import dev.cumulus.coding.Assignment;
import java.util.Objects;

/**
 * The uncoded baseline that ignores stragglers: every chunk on one worker, each worker sends the
 * plain sum of its chunks' gradients, and the coordinator adds whatever arrived; the chunks of
 * workers that did not finish are simply missing.
 */
public final class IgnoreStragglers {
    private final Assignment assignment;

    /**
     * The baseline over an assignment without redundancy.
     *
     * @throws IllegalArgumentException if some chunk is held by a number of workers other than one
     */
    public IgnoreStragglers(Assignment assignment) {
        this.assignment = Objects.requireNonNull(assignment, "assignment");
        for (int i = 0; i < assignment.chunks(); i++) {
            if (assignment.replication(i) != 1) {
                throw new IllegalArgumentException("ignoring stragglers needs every chunk on exactly one worker; chunk "
                        + i + " is on " + assignment.replication(i));
            }
        }
    }

    /** The baseline over {@link Assignment#uncoded}(chunks, workers). */
    public static IgnoreStragglers uncoded(int chunks, int workers) {
        return new IgnoreStragglers(Assignment.uncoded(chunks, workers));
    }

    /** The assignment (one worker per chunk). */
    public Assignment assignment() {
        return assignment;
    }

    /** The plain sum of one worker's chunk gradients (in its listing order). */
    public float[] encode(int worker, float[][] chunkGradients) {
        int[] chunks = assignment.chunksOf(worker);
        if (chunkGradients.length != chunks.length || chunks.length == 0) {
            throw new IllegalArgumentException("worker " + worker + " holds " + chunks.length + " chunks, got "
                    + chunkGradients.length + " gradients");
        }
        int d = chunkGradients[0].length;
        double[] sum = new double[d];
        for (float[] g : chunkGradients) {
            if (g.length != d) {
                throw new IllegalArgumentException("worker " + worker + ": gradient of length " + g.length
                        + ", expected " + d);
            }
            for (int t = 0; t < d; t++) {
                sum[t] += g[t];
            }
        }
        float[] out = new float[d];
        for (int t = 0; t < d; t++) {
            out[t] = (float) sum[t];
        }
        return out;
    }

    /** The sum of the vectors that arrived ({@code encoded[j]} null for a straggler). */
    public float[] decode(float[][] encoded, int dimension) {
        double[] sum = new double[dimension];
        for (int j = 0; j < encoded.length; j++) {
            if (encoded[j] == null) {
                continue;
            }
            if (encoded[j].length != dimension) {
                throw new IllegalArgumentException("worker " + j + " sent " + encoded[j].length + " entries, expected "
                        + dimension);
            }
            for (int t = 0; t < dimension; t++) {
                sum[t] += encoded[j][t];
            }
        }
        float[] out = new float[dimension];
        for (int t = 0; t < dimension; t++) {
            out[t] = (float) sum[t];
        }
        return out;
    }

    /** The normalised error of the sum: the fraction of chunks whose worker did not finish. */
    public double normalisedError(boolean[] finished) {
        if (finished.length != assignment.workers()) {
            throw new IllegalArgumentException("finished flags for " + finished.length + " workers, expected "
                    + assignment.workers());
        }
        int missing = 0;
        for (int j = 0; j < finished.length; j++) {
            if (!finished[j]) {
                missing += assignment.load(j);
            }
        }
        return (double) missing / assignment.chunks();
    }
}
