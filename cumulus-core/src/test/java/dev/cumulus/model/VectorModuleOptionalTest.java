package dev.cumulus.model;

import dev.cumulus.data.Dataset;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A JVM started without {@code --add-modules jdk.incubator.vector} runs the scalar kernels and never
 * loads the vector kernel class, and its gradient equals the scalar path's in this JVM bit for bit.
 */
class VectorModuleOptionalTest {

    @Test
    void jvmWithoutTheModuleRunsTheScalarKernelsWithoutLoadingTheVectorClass() throws Exception {
        Path out = Files.createTempFile("scalar-kernels", ".out");
        Path err = Files.createTempFile("scalar-kernels", ".err");
        try {
            Process child = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-verbose:class",
                    "-cp", System.getProperty("java.class.path"),
                    ScalarKernelsMain.class.getName()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!child.waitFor(60, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("child JVM did not finish within 60 s");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as("exit code; stderr: %s", stderr).isZero();
            assertThat(stdout).contains("vectorized=false")
                    .contains("dev.cumulus.model.LinearKernels")
                    .doesNotContain("VectorLinearKernels")
                    .doesNotContain("jdk.incubator.vector");
            assertThat(stderr).doesNotContain("incubator");

            Dataset data = RandomData.dataset(4, 300, 28, 2, false);
            int[] rows = RandomData.rows(4, 300, data.rows());
            LogisticRegression model = new LogisticRegression(28, 1e-3);
            float[] p = RandomData.gaussian(4, model.parameterCount(), 0.3);
            float[] gradient = new float[p.length];
            double loss = model.lossAndGradient(p, data, rows, gradient, false);
            assertThat(stdout).contains("loss=" + loss);
            String line = stdout.lines().filter(l -> l.startsWith("gradient=")).findFirst().orElseThrow();
            String[] values = line.substring("gradient=".length()).split(" ");
            assertThat(values).hasSize(gradient.length);
            for (int j = 0; j < gradient.length; j++) {
                assertThat(Float.parseFloat(values[j])).as("gradient[%d]", j).isCloseTo(gradient[j], within(0f));
            }
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
