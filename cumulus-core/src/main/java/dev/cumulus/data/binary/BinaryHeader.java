package dev.cumulus.data.binary;

import dev.cumulus.data.LabelMap;
import java.util.Objects;

/**
 * What the header of a binary dataset file says: the shape, the storage layout, the classes and
 * how the file's original labels map to them, and the data's fingerprint
 * ({@link dev.cumulus.data.chunk.DataFingerprint} of the dataset), readable without loading the data.
 *
 * @param version the format version
 * @param rows examples
 * @param cols features
 * @param sparse whether the features are stored as CSR arrays
 * @param nonZeros stored values (rows x cols when dense)
 * @param labelMap how raw labels map to the classes 0..numClasses-1
 * @param fingerprint 32 hex digits
 */
public record BinaryHeader(int version, int rows, int cols, boolean sparse, long nonZeros, LabelMap labelMap,
                           String fingerprint) {
    public BinaryHeader {
        Objects.requireNonNull(labelMap, "labelMap");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    public int numClasses() {
        return labelMap.numClasses();
    }

    /** The share of the rows x cols entries that are stored. */
    public double density() {
        long cells = (long) rows * cols;
        return cells == 0 ? 0 : (double) nonZeros / cells;
    }
}
