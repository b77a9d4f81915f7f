package dev.cumulus.engine.lambdaml;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Features;
import dev.cumulus.data.SparseFeatures;

/** Stacks two datasets row-wise, for single-machine references in tests. */
final class Stack {
    private Stack() {
    }

    static Dataset of(Dataset a, Dataset b) {
        int[] labels = new int[a.rows() + b.rows()];
        System.arraycopy(a.labels(), 0, labels, 0, a.rows());
        System.arraycopy(b.labels(), 0, labels, a.rows(), b.rows());
        return new Dataset(features(a.features(), b.features()), labels, Math.max(a.numClasses(), b.numClasses()));
    }

    private static Features features(Features a, Features b) {
        if (a instanceof DenseFeatures da && b instanceof DenseFeatures db) {
            float[] v = new float[da.values().length + db.values().length];
            System.arraycopy(da.values(), 0, v, 0, da.values().length);
            System.arraycopy(db.values(), 0, v, da.values().length, db.values().length);
            return new DenseFeatures(a.rows() + b.rows(), a.cols(), v);
        }
        SparseFeatures sa = (SparseFeatures) a;
        SparseFeatures sb = (SparseFeatures) b;
        int nnzA = sa.values().length;
        int[] start = new int[a.rows() + b.rows() + 1];
        System.arraycopy(sa.rowStart(), 0, start, 0, a.rows() + 1);
        for (int r = 1; r <= b.rows(); r++) {
            start[a.rows() + r] = nnzA + sb.rowStart()[r];
        }
        int[] idx = new int[nnzA + sb.values().length];
        float[] val = new float[idx.length];
        System.arraycopy(sa.indices(), 0, idx, 0, nnzA);
        System.arraycopy(sb.indices(), 0, idx, nnzA, sb.values().length);
        System.arraycopy(sa.values(), 0, val, 0, nnzA);
        System.arraycopy(sb.values(), 0, val, nnzA, sb.values().length);
        return new SparseFeatures(a.rows() + b.rows(), a.cols(), start, idx, val);
    }
}
