package dev.cumulus.data.generate;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.Features;

/**
 * A minimal logistic regression (plain SGD with a bias, written independently of the model
 * package) used to check that generated data is learnable to the intended degree.
 */
final class LogisticProbe {
    private LogisticProbe() {
    }

    /** Trains on {@code train} and returns the accuracy on {@code test}. */
    static double accuracy(Dataset train, Dataset test, int epochs, float learningRate) {
        int d = train.cols();
        float[] w = new float[d + 1];
        Features x = train.features();
        for (int e = 0; e < epochs; e++) {
            float lr = learningRate / (1 + e);
            for (int r = 0; r < train.rows(); r++) {
                double z = x.dot(r, w, 0) + w[d];
                double p = 1 / (1 + Math.exp(-z));
                float g = (float) (train.labels()[r] - p);
                x.addScaled(r, lr * g, w, 0);
                w[d] += lr * g;
            }
        }
        int correct = 0;
        for (int r = 0; r < test.rows(); r++) {
            int predicted = test.features().dot(r, w, 0) + w[d] > 0 ? 1 : 0;
            if (predicted == test.labels()[r]) {
                correct++;
            }
        }
        return (double) correct / test.rows();
    }
}
