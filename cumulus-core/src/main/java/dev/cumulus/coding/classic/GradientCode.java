package dev.cumulus.coding.classic;

import dev.cumulus.coding.Assignment;
import java.util.Optional;

/**
 * A classic gradient code (Tandon et al., ICML 2017): worker j sends one fixed linear combination
 * of the gradients of all its chunks, and only workers that finished every chunk count.
 *
 * <p>Gradients are float vectors; coefficients and accumulation are in double.
 */
public interface GradientCode {

    /** Which worker holds which chunks; {@link Assignment#chunksOf} fixes the gradient order. */
    Assignment assignment();

    /** The number of stragglers s every decoder tolerates. */
    int stragglers();

    /** The N x m encoding matrix B: worker j sends sum_i B[j][i] g_i (a copy). */
    double[][] encodingMatrix();

    /**
     * The decoding vector a (length N, zero outside the finished set) with sum_j a_j B[j][:] = 1,
     * the least-squares solution over the finished workers, or empty if those workers cannot
     * recover the full gradient.
     */
    Optional<double[]> decodingVector(boolean[] finished);

    /**
     * The best approximate decoding vector over the finished workers: the least-squares a (zero
     * outside the finished set) minimising ||sum_j a_j B[j][:] - 1||, all zeros if none finished.
     */
    default double[] bestDecodingVector(boolean[] finished) {
        return LeastSquaresDecoder.best(encodingMatrix(), finished);
    }

    /**
     * The normalised error of decoding with a: ||sum_j a_j B[j][:] - 1||^2 / m, the mean squared
     * error per chunk weight (1 when nothing is decoded, 0 when exact).
     */
    default double normalisedError(double[] decodingVector) {
        double sum = 0;
        for (double r : LeastSquaresDecoder.residual(encodingMatrix(), decodingVector)) {
            sum += r * r;
        }
        return sum / assignment().chunks();
    }

    /**
     * Worker j's encoded vector from the gradients of its chunks, {@code chunkGradients[p]} being
     * the gradient of chunk {@code assignment().chunksOf(worker)[p]}.
     */
    default float[] encode(int worker, float[][] chunkGradients) {
        int[] chunks = assignment().chunksOf(worker);
        if (chunkGradients.length != chunks.length) {
            throw new IllegalArgumentException("worker " + worker + " holds " + chunks.length + " chunks, got "
                    + chunkGradients.length + " gradients");
        }
        double[][] b = encodingMatrix();
        int d = chunkGradients[0].length;
        double[] y = new double[d];
        for (int p = 0; p < chunks.length; p++) {
            if (chunkGradients[p].length != d) {
                throw new IllegalArgumentException("worker " + worker + ": gradient " + p + " has length "
                        + chunkGradients[p].length + ", expected " + d);
            }
            double coefficient = b[worker][chunks[p]];
            for (int t = 0; t < d; t++) {
                y[t] += coefficient * chunkGradients[p][t];
            }
        }
        float[] out = new float[d];
        for (int t = 0; t < d; t++) {
            out[t] = (float) y[t];
        }
        return out;
    }

    /** sum_j a_j y_j over the workers with a non-zero a_j ({@code encoded[j]} may be null otherwise). */
    default float[] decode(float[][] encoded, double[] decodingVector) {
        int d = -1;
        for (int j = 0; j < encoded.length; j++) {
            if (decodingVector[j] != 0 && encoded[j] != null) {
                d = encoded[j].length;
                break;
            }
        }
        if (d < 0) {
            throw new IllegalArgumentException("no encoded vector has a non-zero decoding coefficient");
        }
        double[] g = new double[d];
        for (int j = 0; j < encoded.length; j++) {
            if (decodingVector[j] == 0) {
                continue;
            }
            if (encoded[j] == null || encoded[j].length != d) {
                throw new IllegalArgumentException("worker " + j + " has decoding coefficient " + decodingVector[j]
                        + " but its encoded vector is " + (encoded[j] == null ? "missing" : "of length " + encoded[j].length));
            }
            for (int t = 0; t < d; t++) {
                g[t] += decodingVector[j] * encoded[j][t];
            }
        }
        float[] out = new float[d];
        for (int t = 0; t < d; t++) {
            out[t] = (float) g[t];
        }
        return out;
    }
}
