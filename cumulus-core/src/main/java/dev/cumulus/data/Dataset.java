package dev.cumulus.data;

import java.util.Objects;

/**
 * Examples for training or evaluation: a feature matrix and one integer label per row.
 *
 * <p>Labels are class indices 0..numClasses-1 (binary data uses 0 and 1, whatever the file
 * said: readers map -1/+1 to 0/1). Unlabelled data (k-means) uses label 0 and one class.
 */
public record Dataset(Features features, int[] labels, int numClasses) {

    public Dataset {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (labels.length != features.rows()) {
            throw new IllegalArgumentException(features.rows() + " rows but " + labels.length + " labels");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
    }

    public int rows() {
        return features.rows();
    }

    public int cols() {
        return features.cols();
    }

    /** Returns a dataset of the given rows, in the given order. */
    public Dataset select(int[] rowIndices) {
        int[] l = new int[rowIndices.length];
        for (int i = 0; i < rowIndices.length; i++) {
            l[i] = labels[rowIndices[i]];
        }
        return new Dataset(features.select(rowIndices), l, numClasses);
    }

    /** Returns rows from (inclusive) to (exclusive). */
    public Dataset slice(int from, int to) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return select(idx);
    }
}
