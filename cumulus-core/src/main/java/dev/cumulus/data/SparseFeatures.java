package dev.cumulus.data;

import java.util.Arrays;

/** A sparse feature matrix in compressed-sparse-row form (zero-based, sorted column indices). */
public final class SparseFeatures implements Features {
    private final int rows;
    private final int cols;
    private final int[] rowStart;
    private final int[] indices;
    private final float[] values;

    /**
     * Wraps the CSR arrays without copying: row r's entries are at positions
     * rowStart[r] until rowStart[r + 1] of {@code indices} and {@code values}.
     */
    public SparseFeatures(int rows, int cols, int[] rowStart, int[] indices, float[] values) {
        if (rowStart.length != rows + 1 || indices.length != values.length || rowStart[rows] != values.length) {
            throw new IllegalArgumentException("inconsistent CSR arrays for " + rows + " rows");
        }
        this.rows = rows;
        this.cols = cols;
        this.rowStart = rowStart;
        this.indices = indices;
        this.values = values;
    }

    public int[] rowStart() { return rowStart; }
    public int[] indices() { return indices; }
    public float[] values() { return values; }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }
    @Override public long nonZeros() { return values.length; }
    @Override public boolean isSparse() { return true; }
    @Override public long bytes() { return (long) values.length * (Float.BYTES + Integer.BYTES); }

    @Override
    public float dot(int row, float[] w, int offset) {
        float s = 0f;
        for (int p = rowStart[row], end = rowStart[row + 1]; p < end; p++) {
            s += values[p] * w[offset + indices[p]];
        }
        return s;
    }

    @Override
    public void addScaled(int row, float scale, float[] target, int offset) {
        for (int p = rowStart[row], end = rowStart[row + 1]; p < end; p++) {
            target[offset + indices[p]] += scale * values[p];
        }
    }

    @Override
    public float get(int row, int col) {
        int from = rowStart[row];
        int to = rowStart[row + 1];
        int p = Arrays.binarySearch(indices, from, to, col);
        return p >= 0 ? values[p] : 0f;
    }

    @Override
    public SparseFeatures select(int[] rowIndices) {
        int[] start = new int[rowIndices.length + 1];
        for (int i = 0; i < rowIndices.length; i++) {
            int r = rowIndices[i];
            start[i + 1] = start[i] + (rowStart[r + 1] - rowStart[r]);
        }
        int[] idx = new int[start[rowIndices.length]];
        float[] val = new float[idx.length];
        for (int i = 0; i < rowIndices.length; i++) {
            int r = rowIndices[i];
            int n = rowStart[r + 1] - rowStart[r];
            System.arraycopy(indices, rowStart[r], idx, start[i], n);
            System.arraycopy(values, rowStart[r], val, start[i], n);
        }
        return new SparseFeatures(rowIndices.length, cols, start, idx, val);
    }
}
