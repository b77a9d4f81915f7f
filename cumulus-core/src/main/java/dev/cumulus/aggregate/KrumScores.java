package dev.cumulus.aggregate;

import java.util.Arrays;

/** Krum's score: for each input, the sum of its squared distances to its k nearest other inputs. */
final class KrumScores {
    private KrumScores() {
    }

    /**
     * The scores of the inputs named by {@code members} (only distances among members count), in the
     * order of {@code members}. A lone member scores 0; k is capped at the number of other members.
     */
    static double[] of(double[][] squaredDistances, int[] members, int neighbours) {
        int m = members.length;
        double[] scores = new double[m];
        double[] others = new double[m - 1];
        int k = Math.min(neighbours, m - 1);
        for (int a = 0; a < m; a++) {
            int o = 0;
            for (int b = 0; b < m; b++) {
                if (b != a) {
                    others[o++] = squaredDistances[members[a]][members[b]];
                }
            }
            Arrays.sort(others);
            double score = 0;
            for (int j = 0; j < k; j++) {
                score += others[j];
            }
            scores[a] = score;
        }
        return scores;
    }

    static int[] all(int n) {
        int[] members = new int[n];
        Arrays.setAll(members, i -> i);
        return members;
    }

    /** k = n - f - offset: 2 is the paper's Krum, 1 is ByzFL's; n >= 2f + 3 keeps either at least 1. */
    static void checkNeighbourOffset(String rule, int offset) {
        if (offset != 1 && offset != 2) {
            throw new IllegalArgumentException("Invalid value " + offset + " for " + rule
                    + ".neighbourOffset: expected 1 (ByzFL, k = n - f - 1) or 2 (the paper, k = n - f - 2)");
        }
    }
}
