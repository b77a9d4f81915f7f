package dev.cumulus.data;

/** Builds feature matrices from the CSR arrays a reader collected. */
public final class DataShapes {
    private DataShapes() {
    }

    /** Expands CSR arrays (zero-based, sorted indices) into a row-major dense matrix. */
    public static DenseFeatures densify(int rows, int cols, int[] rowStart, int[] indices, float[] values) {
        long cells = (long) rows * cols;
        if (cells > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(rows + " x " + cols + " is too large for a dense matrix; use sparse");
        }
        float[] dense = new float[(int) cells];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int p = rowStart[r]; p < rowStart[r + 1]; p++) {
                dense[base + indices[p]] = values[p];
            }
        }
        return new DenseFeatures(rows, cols, dense);
    }
}
