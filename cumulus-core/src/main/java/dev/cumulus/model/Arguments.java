package dev.cumulus.model;

import dev.cumulus.data.Dataset;

/** Argument checks shared by the models, so every model rejects bad input with the same words. */
final class Arguments {
    private Arguments() {
    }

    static void checkParameters(float[] parameters, int expected) {
        if (parameters == null || parameters.length != expected) {
            throw new IllegalArgumentException("parameters: expected " + expected + " values, got "
                    + (parameters == null ? "null" : parameters.length));
        }
    }

    static void checkGradient(float[] gradient, int expected) {
        if (gradient == null || gradient.length != expected) {
            throw new IllegalArgumentException("gradient: expected a buffer of " + expected + " values, got "
                    + (gradient == null ? "null" : gradient.length));
        }
    }

    static void checkData(Dataset data, int features, int classes) {
        if (data.cols() != features) {
            throw new IllegalArgumentException("data has " + data.cols() + " feature columns but the model expects " + features);
        }
        if (data.numClasses() > classes) {
            throw new IllegalArgumentException("data has " + data.numClasses() + " classes but the model predicts " + classes);
        }
    }

    static void checkRows(int[] rows, Dataset data) {
        if (rows == null) {
            throw new IllegalArgumentException("rows: null");
        }
        int n = data.rows();
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new IndexOutOfBoundsException("row " + r + " outside the dataset's " + n + " rows");
            }
        }
    }

    static void checkRange(int from, int to, Dataset data) {
        if (from < 0 || to > data.rows() || from > to) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") are not within the "
                    + data.rows() + " rows of the data");
        }
    }

    /**
     * Fills {@code rows} with the row numbers from {@code start} on, at most its length and not
     * past {@code to}, and returns how many: the index block the kernels read a range through.
     */
    static int blockRows(int[] rows, int start, int to) {
        int count = Math.min(rows.length, to - start);
        for (int i = 0; i < count; i++) {
            rows[i] = start + i;
        }
        return count;
    }

    static int[] allRows(Dataset data) {
        int[] rows = new int[data.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return rows;
    }

    static void checkL2(double l2) {
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2: expected a finite value >= 0, got " + l2);
        }
    }

    static void checkPositive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + ": expected a positive integer, got " + value);
        }
    }
}
