package dev.cumulus.engine.lambdaml;

import dev.cumulus.data.Dataset;
import dev.cumulus.model.Model;
import java.util.Arrays;

/**
 * The objective and gradient of a model over a worker's whole chunk, summed over blocks of
 * {@link #BLOCK_ROWS} rows: (objective x rows, gradient x rows) in double, written as the float
 * message the collective sums.
 *
 * <p>Why blocks rather than one call over every row: the JIT compiles the model's kernels by call
 * counts, and a full-batch run makes few calls. Measured over 80,000 rows (docs/BENCHMARKS.md), one
 * call per pass took 215 ms at the 5th pass and 23 ms at the 10th; blocks of 4,096 rows took 7 ms
 * and 0.7 ms. The double sums also keep digits that one float accumulation over the chunk would lose.
 */
final class WholeChunkGradient {
    static final int BLOCK_ROWS = 4096;

    private final Model model;
    private final Dataset chunk;
    private final int[][] blocks;
    private final float[] blockGradient;
    private final double[] sum;

    WholeChunkGradient(Model model, Dataset chunk) {
        this.model = model;
        this.chunk = chunk;
        int count = (chunk.rows() + BLOCK_ROWS - 1) / BLOCK_ROWS;
        this.blocks = new int[count][];
        for (int b = 0; b < count; b++) {
            int from = b * BLOCK_ROWS;
            int to = Math.min(chunk.rows(), from + BLOCK_ROWS);
            blocks[b] = new int[to - from];
            for (int r = from; r < to; r++) {
                blocks[b][r - from] = r;
            }
        }
        this.blockGradient = new float[model.parameterCount()];
        this.sum = new double[model.parameterCount()];
    }

    /**
     * Writes into {@code message} (length parameters + 2): the gradient x rows, then the objective x
     * rows, then the rows, so that the sum over workers divided by its last entry is the mean.
     */
    void evaluate(float[] parameters, float[] message) {
        int p = sum.length;
        Arrays.fill(sum, 0);
        double lossSum = 0;
        for (int[] block : blocks) {
            double loss = model.lossAndGradient(parameters, chunk, block, blockGradient);
            int n = block.length;
            lossSum += loss * n;
            for (int i = 0; i < p; i++) {
                sum[i] += (double) blockGradient[i] * n;
            }
        }
        for (int i = 0; i < p; i++) {
            message[i] = (float) sum[i];
        }
        message[p] = (float) lossSum;
        message[p + 1] = chunk.rows();
    }
}
