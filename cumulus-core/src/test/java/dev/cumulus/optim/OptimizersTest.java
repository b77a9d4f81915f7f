package dev.cumulus.optim;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OptimizersTest {

    @Test
    void sgdStepsAgainstTheGradient() {
        Optimizer sgd = Optimizers.create(OptimizerSpec.sgd(0.5), 2);
        float[] w = {1, 2};
        sgd.step(w, new float[] {4, -2});
        assertThat(w).containsExactly(-1f, 3f);
        assertThat(sgd.state()).isEmpty();
    }

    @Test
    void heavyBallAccumulatesVelocity() {
        Optimizer momentum = Optimizers.create(OptimizerSpec.momentum(0.1, 0.9), 1);
        float[] w = {0};
        momentum.step(w, new float[] {1});   // v = 1, w = -0.1
        momentum.step(w, new float[] {1});   // v = 1.9, w = -0.29
        assertThat(w[0]).isCloseTo(-0.29f, within(1e-6f));
        assertThat(momentum.state()).containsExactly(1.9f);
    }

    @Test
    void adamFirstStepMovesEachCoordinateByTheLearningRate() {
        // With bias correction m^ = g and v^ = g^2 after one step, so the update is lr * sign(g).
        Optimizer adam = Optimizers.create(OptimizerSpec.adam(0.01), 3);
        float[] w = {0, 0, 0};
        adam.step(w, new float[] {5, -0.001f, 300});
        assertThat(w[0]).isCloseTo(-0.01f, within(1e-7f));
        assertThat(w[1]).isCloseTo(0.01f, within(1e-6f));
        assertThat(w[2]).isCloseTo(-0.01f, within(1e-7f));
    }

    @Test
    void adamMatchesADoublePrecisionReferenceOverManySteps() {
        int n = 4;
        Optimizer adam = Optimizers.create(OptimizerSpec.adam(0.05), n);
        float[] w = new float[n];
        double[] rw = new double[n];
        double[] m = new double[n];
        double[] v = new double[n];
        Random random = new Random(3);
        for (int t = 1; t <= 50; t++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) random.nextGaussian();
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                rw[i] -= 0.05 * mHat / (Math.sqrt(vHat) + 1e-8);
            }
            adam.step(w, g);
        }
        for (int i = 0; i < n; i++) {
            assertThat((double) w[i]).isCloseTo(rw[i], within(1e-4));
        }
    }

    @Property(tries = 30)
    void restoredOptimizerContinuesBitIdentically(@ForAll("types") String type, @ForAll @IntRange(min = 1, max = 50) int n,
                                                  @ForAll @IntRange(min = 0, max = 20) int before, @ForAll long seed) {
        OptimizerSpec spec = new OptimizerSpec(type, 0.03, 0.9, 0.9, 0.999, 1e-8);
        Optimizer original = Optimizers.create(spec, n);
        Random random = new Random(seed);
        float[] w = new float[n];
        for (int s = 0; s < before; s++) {
            original.step(w, gaussian(random, n));
        }
        Optimizer successor = Optimizers.create(spec, n);
        successor.restore(original.state());
        float[] w2 = w.clone();
        for (int s = 0; s < 10; s++) {
            float[] g = gaussian(random, n);
            original.step(w, g);
            successor.step(w2, g);
        }
        assertThat(bits(w2)).containsExactly(bits(w));
        assertThat(bits(successor.state())).containsExactly(bits(original.state()));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> types() {
        return net.jqwik.api.Arbitraries.of("sgd", "momentum", "adam");
    }

    @Test
    void rejectsBadSpecsAndStatesNamingTheField() {
        assertThatThrownBy(() -> OptimizerSpec.sgd(0)).hasMessageContaining("optimizer.learningRate");
        assertThatThrownBy(() -> OptimizerSpec.momentum(0.1, 1.0)).hasMessageContaining("optimizer.momentum");
        assertThatThrownBy(() -> new OptimizerSpec("adam", 0.1, 0, 0.9, 1.2, 1e-8)).hasMessageContaining("optimizer.beta2");
        assertThatThrownBy(() -> new OptimizerSpec("adam", 0.1, 0, 0.9, 0.999, 0)).hasMessageContaining("optimizer.epsilon");
        assertThatThrownBy(() -> new OptimizerSpec("lbfgs", 0.1, 0, 0.9, 0.999, 1e-8)).hasMessageContaining("optimizer.type");
        assertThatThrownBy(() -> Optimizers.create(OptimizerSpec.adam(0.1), 3).restore(new float[6]))
                .hasMessageContaining("expects 7 values");
        assertThatThrownBy(() -> Optimizers.create(OptimizerSpec.adam(0.1), 1).restore(new float[] {1.5f, 0, 0}))
                .hasMessageContaining("step count");
        assertThatThrownBy(() -> Optimizers.create(OptimizerSpec.sgd(0.1), 3).step(new float[3], new float[2]))
                .hasMessageContaining("gradient of length 2");
    }

    private static float[] gaussian(Random random, int n) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = (float) random.nextGaussian();
        }
        return g;
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
