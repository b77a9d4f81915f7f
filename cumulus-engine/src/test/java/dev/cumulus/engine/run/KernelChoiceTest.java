package dev.cumulus.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.model.ModelSpec;
import dev.cumulus.model.Models;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The run chooses the dense kernels once, for its whole training set, and records the choice. */
class KernelChoiceTest {
    private static final String JOB = """
            dataset: { source: higgs-like, rows: 3000, seed: 2 }
            model: { type: logistic }
            algorithm: { epochs: 2 }
            workers: 2
            platform: { coldStartMillis: 0 }
            seed: 3
            """;

    private static RunResult run(String... overrides) {
        BoundJob job = Protocols.read(JOB, "job.yaml", List.of(overrides));
        return new Driver(line -> { }).run(job);
    }

    @Test
    void aSmallJobLeftToChooseRunsTheScalarKernelsAndRecordsThem() {
        RunResult run = run();
        assertThat(run.provenance().vectorKernels()).isFalse();
        assertThat(run.provenance().job()).extractingByKey("model").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("kernels", ModelSpec.SCALAR);
        assertThat(run.model().spec().kernels()).isEqualTo(ModelSpec.SCALAR);
    }

    @Test
    void theVectorKernelsAskedForRunAndTrainTheSameModelToFloatPrecision() {
        Assumptions.assumeTrue(Models.vectorKernels(), "this JVM has no vector kernels");
        RunResult vector = run("model.kernels=vector");
        RunResult scalar = run("model.kernels=scalar");
        assertThat(vector.provenance().vectorKernels()).isTrue();
        assertThat(vector.model().spec().kernels()).isEqualTo(ModelSpec.VECTOR);
        assertThat(scalar.provenance().vectorKernels()).isFalse();
        float[] a = vector.parameters();
        float[] b = scalar.parameters();
        assertThat(a).isNotEqualTo(b);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("parameter %d", i).isCloseTo(b[i], within(1e-4f));
        }
    }
}
