package dev.cumulus.engine.coded;

import dev.cumulus.data.Dataset;
import dev.cumulus.model.Model;

/**
 * The message of one chunk in one round: its batch's gradient times the batch's rows, then the
 * loss times the rows, then the rows, so that a decoded sum over every chunk gives the summed
 * gradient, loss and row count at once (exactly as GA-SGD's workers sum them).
 */
final class ChunkGradients {
    private ChunkGradients() {
    }

    static int length(Model model) {
        return model.parameterCount() + 2;
    }

    /** Writes chunk {@code data}'s message for {@code rows} into {@code out}. */
    static void compute(Model model, float[] parameters, Dataset data, int[] rows, float[] gradient, float[] out) {
        double loss = model.lossAndGradient(parameters, data, rows, gradient);
        float n = rows.length;
        int p = model.parameterCount();
        for (int i = 0; i < p; i++) {
            out[i] = gradient[i] * n;
        }
        out[p] = (float) (loss * n);
        out[p + 1] = n;
    }
}
