package dev.cumulus.data.chunk;

import dev.cumulus.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How to deal a labelled dataset to peers non-IID: each class's rows are shuffled and cut among the
 * peers in proportions p ~ Dirichlet(alpha, ..., alpha), drawn afresh per class, as ByzFL's
 * {@code dirichlet_niid} does (cut at floor(cumsum(p) * rows of the class)). Large alpha gives every
 * peer about the same share of every class; small alpha (0.1) gives each class to one or two peers.
 *
 * <p>Every row goes to exactly one peer; the split is fixed by the seed. Each peer's rows are
 * listed in ascending order.
 *
 * @param peers number of peers, at least 1
 * @param alpha concentration, finite and > 0
 * @param seed  fixes the shuffles and the proportions
 */
public record DirichletPartitioner(int peers, double alpha, long seed) {

    public DirichletPartitioner {
        if (peers < 1) {
            throw new IllegalArgumentException("peers must be at least 1, got " + peers);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("Invalid value " + alpha + " for dirichlet alpha: expected a finite value > 0");
        }
    }

    /** The row indices of each peer, for rows labelled {@code labels} with classes 0..numClasses-1. */
    public int[][] rowIndices(int[] labels, int numClasses) {
        int[][] byClass = rowsByClass(labels, numClasses);
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[peers];
        int[][] cuts = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            shuffle(byClass[c], random);
            cuts[c] = cuts(dirichlet(random), byClass[c].length);
            for (int p = 0; p < peers; p++) {
                counts[p] += cuts[c][p + 1] - cuts[c][p];
            }
        }
        int[][] out = new int[peers][];
        for (int p = 0; p < peers; p++) {
            out[p] = new int[counts[p]];
            int at = 0;
            for (int c = 0; c < numClasses; c++) {
                int length = cuts[c][p + 1] - cuts[c][p];
                System.arraycopy(byClass[c], cuts[c][p], out[p], at, length);
                at += length;
            }
            Arrays.sort(out[p]);
        }
        return out;
    }

    /** Cuts {@code data} into one dataset (a copy) per peer, in peer order. */
    public List<Dataset> split(Dataset data) {
        List<Dataset> out = new ArrayList<>(peers);
        for (int[] rows : rowIndices(data.labels(), data.numClasses())) {
            out.add(data.select(rows));
        }
        return out;
    }

    private static int[][] rowsByClass(int[] labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        int[] sizes = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0 || y >= numClasses) {
                throw new IllegalArgumentException("label " + y + " at row " + i + " is outside [0, " + numClasses + ")");
            }
            sizes[y]++;
        }
        int[][] out = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            out[c] = new int[sizes[c]];
        }
        int[] filled = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            out[labels[i]][filled[labels[i]]++] = i;
        }
        return out;
    }

    private static void shuffle(int[] rows, SplittableRandom random) {
        for (int i = rows.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
    }

    /** Boundaries 0 = b_0 <= b_1 <= ... <= b_peers = rows, b_p = floor((p_1 + ... + p_p) * rows). */
    private static int[] cuts(double[] proportions, int rows) {
        int[] out = new int[proportions.length + 1];
        double cumulative = 0;
        for (int p = 0; p < proportions.length - 1; p++) {
            cumulative += proportions[p];
            out[p + 1] = Math.min(rows, Math.max(out[p], (int) Math.floor(cumulative * rows)));
        }
        // The floating sum may fall short of 1; the last peer takes whatever is left.
        out[proportions.length] = rows;
        return out;
    }

    /** One draw of Dirichlet(alpha, ..., alpha) over the peers. */
    double[] dirichlet(SplittableRandom random) {
        // Normalised in log space: for small alpha the gamma draws underflow double.
        double[] logs = new double[peers];
        double max = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < peers; p++) {
            logs[p] = GammaSampler.logSample(alpha, random);
            max = Math.max(max, logs[p]);
        }
        double sum = 0;
        for (int p = 0; p < peers; p++) {
            logs[p] = Math.exp(logs[p] - max);
            sum += logs[p];
        }
        for (int p = 0; p < peers; p++) {
            logs[p] /= sum;
        }
        return logs;
    }
}
