package dev.cumulus.data;

/** How a reader stores the features it reads: dense, sparse, or chosen from the data's density. */
public enum FeatureLayout {
    /** Sparse when fewer than {@link #SPARSE_BELOW_DENSITY} of the entries are stored, else dense. */
    AUTO,
    DENSE,
    SPARSE;

    /**
     * Density under which {@link #AUTO} picks sparse storage. A sparse entry costs 8 bytes and a
     * dense one 4, and the dense kernels are faster per entry, so sparse pays below about 1/4.
     */
    public static final double SPARSE_BELOW_DENSITY = 0.25;

    /** Whether data of this shape should be stored sparse under this layout. */
    public boolean sparseFor(long rows, long cols, long nonZeros) {
        switch (this) {
            case DENSE:
                return false;
            case SPARSE:
                return true;
            default:
                long cells = rows * cols;
                return cells > Integer.MAX_VALUE || (cells > 0 && (double) nonZeros / cells < SPARSE_BELOW_DENSITY);
        }
    }

    /** Parses "auto", "dense" or "sparse" (any case). */
    public static FeatureLayout parse(String text) {
        for (FeatureLayout l : values()) {
            if (l.name().equalsIgnoreCase(text.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + text + "': expected auto, dense or sparse");
    }
}
