package dev.cumulus.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelWarmUpTest {

    @Test
    void runsTheLinearModelsKernelsOnADaemonThreadUntilItsCallBudgetIsSpent() throws Exception {
        for (String type : List.of("logistic", "svm", "softmax")) {
            KernelWarmUp warmUp = KernelWarmUp.start(ModelSpec.of(type), 3);
            assertThat(warmUp.thread().isDaemon()).isTrue();
            warmUp.thread().join(60_000);
            assertThat(warmUp.thread().isAlive()).as(type).isFalse();
            assertThat(warmUp.calls()).as(type).isEqualTo(3);
        }
    }

    @Test
    void endsAfterTheCallInProgressOnceStopped() throws Exception {
        KernelWarmUp warmUp = KernelWarmUp.start(ModelSpec.of("logistic"), Integer.MAX_VALUE);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (warmUp.calls() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        warmUp.stop();
        warmUp.thread().join(60_000);
        assertThat(warmUp.thread().isAlive()).isFalse();
        assertThat(warmUp.calls()).isBetween(2, Integer.MAX_VALUE - 1);
    }

    @Test
    void startsNoThreadForModelsWithoutDenseLinearKernels() {
        assertThat(KernelWarmUp.start(ModelSpec.mlp(List.of(8), 0)).thread()).isNull();
        assertThat(KernelWarmUp.start(new ModelSpec("kmeans", null, 3, 0)).thread()).isNull();
        assertThat(KernelWarmUp.none().thread()).isNull();
        KernelWarmUp.none().stop();
    }

    @Test
    void aModelsGradientIsTheSameBitsBeforeAndAfterAWarmUpOfItsKernels() throws Exception {
        // The run's own data: 28 features (not the warm-up's 29), rows not in order.
        SplittableRandom random = new SplittableRandom(5);
        int n = 5000;
        int cols = 28;
        float[] values = new float[n * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        int[] labels = random.ints(n, 0, 2).toArray();
        Dataset data = new Dataset(new DenseFeatures(n, cols, values), labels, 2);
        int[] rows = random.ints(4096, 0, n).toArray();
        Model model = Models.create(ModelSpec.of("logistic"), cols, 2);
        float[] parameters = model.initialParameters(3);
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] += (float) random.nextGaussian() * 0.1f;
        }
        float[] before = new float[model.parameterCount()];
        double lossBefore = model.lossAndGradient(parameters, data, rows, before);

        KernelWarmUp warmUp = KernelWarmUp.start(ModelSpec.of("logistic"), 200);
        warmUp.thread().join(120_000);

        float[] after = new float[model.parameterCount()];
        double lossAfter = model.lossAndGradient(parameters, data, rows, after);
        assertThat(Double.doubleToRawLongBits(lossAfter)).isEqualTo(Double.doubleToRawLongBits(lossBefore));
        assertThat(after).containsExactly(before);
    }
}
