package dev.cumulus.coding.round;

/** Encoding and decoding as plain linear combinations of parts, shared by every strategy. */
final class LinearCombination {
    private LinearCombination() {
    }

    static float[] encode(double[][] beta, int worker, float[][] chunkGradients, int parts) {
        if (beta.length == 0) {
            throw new IllegalArgumentException("worker " + worker + " sends nothing in this state");
        }
        if (chunkGradients.length < beta.length) {
            throw new IllegalArgumentException("worker " + worker + " encodes " + beta.length + " chunks but "
                    + chunkGradients.length + " gradients were given");
        }
        int d = chunkGradients[0].length;
        int length = (d + parts - 1) / parts;
        double[] y = new double[length];
        for (int p = 0; p < beta.length; p++) {
            if (chunkGradients[p].length != d) {
                throw new IllegalArgumentException("worker " + worker + ": gradient at position " + p
                        + " has length " + chunkGradients[p].length + ", expected " + d);
            }
            for (int k = 0; k < parts; k++) {
                double b = beta[p][k];
                int base = k * length;
                int end = Math.min(length, d - base);
                for (int t = 0; t < end; t++) {
                    y[t] += b * chunkGradients[p][base + t];
                }
            }
        }
        float[] out = new float[length];
        for (int t = 0; t < length; t++) {
            out[t] = (float) y[t];
        }
        return out;
    }

    static float[] decode(double[][] decoding, float[][] encoded, int dimension) {
        int parts = decoding.length;
        int n = decoding[0].length;
        if (encoded.length != n) {
            throw new IllegalArgumentException("decode needs one slot per worker (" + n + "), got " + encoded.length);
        }
        int length = (dimension + parts - 1) / parts;
        double[] g = new double[dimension];
        for (int j = 0; j < n; j++) {
            if (!sends(decoding, j)) {
                continue;
            }
            if (encoded[j] == null || encoded[j].length != length) {
                String got = encoded[j] == null ? "missing" : "of length " + encoded[j].length;
                throw new IllegalArgumentException("worker " + j + " has a decoding coefficient but its encoded"
                        + " vector is " + got + ", expected " + length);
            }
            for (int k = 0; k < parts; k++) {
                double r = decoding[k][j];
                int base = k * length;
                int end = Math.min(length, dimension - base);
                for (int t = 0; t < end; t++) {
                    g[base + t] += r * encoded[j][t];
                }
            }
        }
        float[] out = new float[dimension];
        for (int t = 0; t < dimension; t++) {
            out[t] = (float) g[t];
        }
        return out;
    }

    private static boolean sends(double[][] decoding, int worker) {
        for (double[] row : decoding) {
            if (row[worker] != 0) {
                return true;
            }
        }
        return false;
    }
}
