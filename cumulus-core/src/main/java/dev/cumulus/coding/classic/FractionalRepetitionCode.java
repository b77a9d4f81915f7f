package dev.cumulus.coding.classic;

import dev.cumulus.coding.Assignment;
import java.util.Optional;

/**
 * The fractional repetition code of Tandon et al.: n workers in groups of s+1 that hold the same
 * s+1 chunks and send their plain sum; any n-s workers include one member of every group.
 */
public final class FractionalRepetitionCode implements GradientCode {
    private final Assignment assignment;
    private final int stragglers;

    /** The code for n workers tolerating s stragglers; (s+1) must divide n. */
    public FractionalRepetitionCode(int workers, int stragglers) {
        if (stragglers < 0 || stragglers >= workers || workers % (stragglers + 1) != 0) {
            throw new IllegalArgumentException("fractional repetition needs 0 <= s < n and (s+1) | n, got n="
                    + workers + ", s=" + stragglers);
        }
        this.assignment = Assignment.fractionalRepetition(workers, stragglers + 1);
        this.stragglers = stragglers;
    }

    @Override
    public Assignment assignment() {
        return assignment;
    }

    @Override
    public int stragglers() {
        return stragglers;
    }

    @Override
    public double[][] encodingMatrix() {
        int n = assignment.workers();
        double[][] b = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i : assignment.chunksOf(j)) {
                b[j][i] = 1.0;
            }
        }
        return b;
    }

    /** One finished member per group, coefficient 1; empty if some group has none. */
    @Override
    public Optional<double[]> decodingVector(boolean[] finished) {
        int n = assignment.workers();
        if (finished.length != n) {
            throw new IllegalArgumentException("finished flags for " + finished.length + " workers, code has " + n);
        }
        int group = stragglers + 1;
        double[] a = new double[n];
        for (int first = 0; first < n; first += group) {
            int chosen = -1;
            for (int j = first; j < first + group && chosen < 0; j++) {
                if (finished[j]) {
                    chosen = j;
                }
            }
            if (chosen < 0) {
                return Optional.empty();
            }
            a[chosen] = 1.0;
        }
        return Optional.of(a);
    }
}
