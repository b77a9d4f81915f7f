package dev.cumulus.ps;

import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.OptimizerSpec;
import dev.cumulus.optim.Optimizers;
import java.util.SplittableRandom;

/**
 * A deterministic training problem for the tests: worker w's gradient in round r depends on the
 * model it is computed on and on (w, r) only, and the reference results are computed in one process
 * without the server.
 */
record Workload(int parameterCount, int workers, OptimizerSpec optimizer) {

    float[] initialParameters() {
        float[] p = new float[parameterCount];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextDouble(-1, 1);
        }
        return p;
    }

    ModelInit init(String modelId, SyncMode mode) {
        return new ModelInit(modelId, initialParameters(), optimizer, workers, mode);
    }

    /** A noisy quadratic's gradient: 0.5 w - target, plus noise that depends on (worker, round). */
    float[] gradient(int worker, long round, float[] parameters) {
        SplittableRandom random = new SplittableRandom(1_000_003L * worker + round);
        float[] g = new float[parameters.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = 0.5f * parameters[i] - 0.25f + (float) random.nextDouble(-0.1, 0.1);
        }
        return g;
    }

    /** BSP in one process: every round, the mean of the workers' gradients (summed in rank order), one step. */
    float[] bspReference(int rounds) {
        float[] parameters = initialParameters();
        Optimizer opt = Optimizers.create(optimizer, parameterCount);
        for (int r = 0; r < rounds; r++) {
            float[] sum = gradient(0, r, parameters);
            for (int w = 1; w < workers; w++) {
                float[] g = gradient(w, r, parameters);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += g[i];
                }
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= workers;
            }
            opt.step(parameters, sum);
        }
        return parameters;
    }

    /** Sequential SGD in one process: worker 0's gradient of each step applied at once. */
    float[] sequentialReference(int steps) {
        float[] parameters = initialParameters();
        Optimizer opt = Optimizers.create(optimizer, parameterCount);
        for (int s = 0; s < steps; s++) {
            opt.step(parameters, gradient(0, s, parameters));
        }
        return parameters;
    }
}
