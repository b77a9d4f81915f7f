package dev.cumulus.model;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.SparseFeatures;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random datasets for tests: Gaussian features, dense or sparse, uniform labels. */
final class RandomData {
    private RandomData() {
    }

    static Dataset dataset(long seed, int rows, int cols, int classes, boolean sparse) {
        Random random = new Random(seed);
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        if (sparse) {
            double density = 0.2 + 0.6 * random.nextDouble();
            for (int i = 0; i < values.length; i++) {
                if (random.nextDouble() > density) {
                    values[i] = 0f;
                }
            }
        }
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(classes);
        }
        DenseFeatures dense = new DenseFeatures(rows, cols, values);
        return new Dataset(sparse ? toSparse(dense) : dense, labels, classes);
    }

    static SparseFeatures toSparse(DenseFeatures dense) {
        int rows = dense.rows();
        int cols = dense.cols();
        int[] start = new int[rows + 1];
        List<Integer> idx = new ArrayList<>();
        List<Float> val = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = dense.get(r, c);
                if (v != 0f) {
                    idx.add(c);
                    val.add(v);
                }
            }
            start[r + 1] = idx.size();
        }
        int[] indices = new int[idx.size()];
        float[] values = new float[idx.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = idx.get(i);
            values[i] = val.get(i);
        }
        return new SparseFeatures(rows, cols, start, indices, values);
    }

    static Dataset withSparseFeatures(Dataset dense) {
        return new Dataset(toSparse((DenseFeatures) dense.features()), dense.labels(), dense.numClasses());
    }

    /** Row indices drawn with replacement, so duplicates are exercised too. */
    static int[] rows(long seed, int count, int available) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = random.nextInt(available);
        }
        return rows;
    }

    static float[] gaussian(long seed, int n, double std) {
        Random random = new Random(seed * 31 + 7);
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) (random.nextGaussian() * std);
        }
        return p;
    }
}
