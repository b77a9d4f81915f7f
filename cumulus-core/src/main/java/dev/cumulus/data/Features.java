package dev.cumulus.data;

/**
 * A read-only feature matrix, one row per example, dense or sparse.
 *
 * <p>Models never index the matrix directly: they call the two row kernels {@link #dot} and
 * {@link #addScaled}, so one model implementation serves dense and sparse data alike and the
 * hot loops live here, written once per storage layout.
 */
public interface Features {

    int rows();

    int cols();

    /** Number of stored values (rows x cols for dense data). */
    long nonZeros();

    boolean isSparse();

    /** Returns the sum over j of x[row, j] * w[offset + j]. */
    float dot(int row, float[] w, int offset);

    /** Adds scale * x[row, j] to target[offset + j] for every column j. */
    void addScaled(int row, float scale, float[] target, int offset);

    /** Returns x[row, col] (slow for sparse data; for tests and small tools). */
    float get(int row, int col);

    /** Returns a new matrix holding the given rows, in the given order. */
    Features select(int[] rowIndices);

    /** Bytes of feature data a full pass over the matrix reads (values and, if sparse, indices). */
    long bytes();
}
