package dev.cumulus.model;

import dev.cumulus.data.Dataset;

/**
 * Prints whether the vector kernels are on and one HIGGS-shaped logistic gradient: the child
 * process of {@link VectorModuleOptionalTest}, started without jdk.incubator.vector.
 */
public final class ScalarKernelsMain {
    private ScalarKernelsMain() {
    }

    public static void main(String[] args) {
        Dataset data = RandomData.dataset(4, 300, 28, 2, false);
        int[] rows = RandomData.rows(4, 300, data.rows());
        LogisticRegression model = new LogisticRegression(28, 1e-3);
        float[] p = RandomData.gaussian(4, model.parameterCount(), 0.3);
        float[] gradient = new float[p.length];
        double loss = model.lossAndGradient(p, data, rows, gradient);
        System.out.println("vectorized=" + LinearKernels.VECTORIZED);
        System.out.println("loss=" + loss);
        StringBuilder g = new StringBuilder("gradient=");
        for (float x : gradient) {
            g.append(x).append(' ');
        }
        System.out.println(g.toString().trim());
    }
}
