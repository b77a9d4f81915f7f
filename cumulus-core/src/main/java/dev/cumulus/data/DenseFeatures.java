package dev.cumulus.data;

import java.util.Objects;

/** A dense feature matrix stored row-major in one float array. */
public final class DenseFeatures implements Features {
    private final int rows;
    private final int cols;
    private final float[] values;

    /** Wraps {@code values} (row-major, rows x cols) without copying. */
    public DenseFeatures(int rows, int cols, float[] values) {
        if (rows < 0 || cols < 0 || (long) rows * cols != values.length) {
            throw new IllegalArgumentException(
                    "dense matrix " + rows + "x" + cols + " needs " + (long) rows * cols + " values, got " + values.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.values = Objects.requireNonNull(values);
    }

    /** The backing row-major array (not a copy: callers must not modify it). */
    public float[] values() {
        return values;
    }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }
    @Override public long nonZeros() { return (long) rows * cols; }
    @Override public boolean isSparse() { return false; }
    @Override public long bytes() { return (long) rows * cols * Float.BYTES; }

    @Override
    public float dot(int row, float[] w, int offset) {
        int base = row * cols;
        // Four independent accumulators let the JIT pipeline the multiply-adds.
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int j = 0;
        for (; j + 3 < cols; j += 4) {
            s0 += values[base + j] * w[offset + j];
            s1 += values[base + j + 1] * w[offset + j + 1];
            s2 += values[base + j + 2] * w[offset + j + 2];
            s3 += values[base + j + 3] * w[offset + j + 3];
        }
        for (; j < cols; j++) {
            s0 += values[base + j] * w[offset + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void addScaled(int row, float scale, float[] target, int offset) {
        int base = row * cols;
        for (int j = 0; j < cols; j++) {
            target[offset + j] += scale * values[base + j];
        }
    }

    @Override
    public float get(int row, int col) {
        return values[row * cols + col];
    }

    @Override
    public DenseFeatures select(int[] rowIndices) {
        float[] out = new float[rowIndices.length * cols];
        for (int i = 0; i < rowIndices.length; i++) {
            System.arraycopy(values, rowIndices[i] * cols, out, i * cols, cols);
        }
        return new DenseFeatures(rowIndices.length, cols, out);
    }
}
