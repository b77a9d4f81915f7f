package dev.cumulus.data.idx;

/**
 * How to read an IDX image/label pair.
 *
 * @param scaleToUnit divide pixels by 255 so they lie in [0, 1]; otherwise keep 0..255
 * @param classes number of classes, or null for the largest label + 1; when given, a label at or
 *     above it is an error
 * @param maxRows use at most this many examples (the first ones), or null for all
 */
public record IdxOptions(boolean scaleToUnit, Integer classes, Integer maxRows) {

    public IdxOptions {
        if (classes != null && (classes < 1 || classes > 256)) {
            throw new IllegalArgumentException("classes must be within 1..256 for byte labels, got " + classes);
        }
        if (maxRows != null && maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
    }

    /** Pixels scaled to [0, 1], classes from the labels, every row. */
    public static IdxOptions defaults() {
        return new IdxOptions(true, null, null);
    }
}
