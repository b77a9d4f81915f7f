package dev.cumulus.sim.straggler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StragglerModelTest {

    private static double sampleMean(ChunkTimeDistribution d, int n) {
        SplittableRandom random = new SplittableRandom(3);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += d.sample(random);
        }
        return sum / n;
    }

    @Test
    void parsesTheThreeFormsAndTheirSamplesHaveTheStatedMeans() {
        ChunkTimeDistribution exp = ChunkTimeDistribution.parse("exp:2");
        ChunkTimeDistribution shifted = ChunkTimeDistribution.parse("shifted-exp:1,0.5");
        ChunkTimeDistribution pareto = ChunkTimeDistribution.parse("pareto:1,3");
        assertThat(exp).isEqualTo(new ChunkTimeDistribution.Exponential(2));
        assertThat(shifted.mean()).isEqualTo(1.5);
        assertThat(pareto.mean()).isEqualTo(1.5);
        assertThat(sampleMean(exp, 200_000)).isCloseTo(2.0, within(0.03));
        assertThat(sampleMean(shifted, 200_000)).isCloseTo(1.5, within(0.01));
        assertThat(sampleMean(pareto, 400_000)).isCloseTo(1.5, within(0.02));
        SplittableRandom random = new SplittableRandom(1);
        for (int k = 0; k < 10_000; k++) {
            assertThat(shifted.sample(random)).isGreaterThanOrEqualTo(1.0);
            assertThat(pareto.sample(random)).isGreaterThanOrEqualTo(1.0);
        }
        assertThat(ChunkTimeDistribution.parse(pareto.spec())).isEqualTo(pareto);
    }

    @Test
    void malformedDistributionsNameTheTextAndTheExpectedForms() {
        for (String bad : new String[] {"exp", "exp:", "exp:-1", "exp:1,2", "gauss:1", "pareto:1", "shifted-exp:a,1",
                                        "exp:0"}) {
            assertThatThrownBy(() -> ChunkTimeDistribution.parse(bad))
                    .isInstanceOf(MalformedDistributionException.class)
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("exp:MEAN");
        }
    }

    @Test
    void slowAndFailedWorkersAreExactlyTheRequestedFractions() {
        StragglerModel model = new StragglerModel(ChunkTimeDistribution.parse("exp:1"), Optional.empty(), 0.25, 4, 0.1);
        double[] factors = model.workerFactors(40, new SplittableRandom(5));
        assertThat(Arrays.stream(factors).filter(Double::isInfinite).count()).isEqualTo(4);
        long slowOrFailed = Arrays.stream(factors).filter(f -> f != 1.0).count();
        assertThat(slowOrFailed).isBetween(10L, 14L);
        assertThat(Arrays.stream(factors).filter(f -> f != 1.0 && Double.isFinite(f))).containsOnly(4.0);
        double[][] times = model.chunkTimes(new int[] {3, 3}, new double[] {1, Double.POSITIVE_INFINITY},
                new SplittableRandom(2));
        assertThat(times[1]).containsOnly(Double.POSITIVE_INFINITY);
        assertThat(Arrays.stream(times[0]).allMatch(t -> t > 0 && Double.isFinite(t))).isTrue();
    }

    @Test
    void persistentSlowdownMultipliesEveryChunkOfAWorkerByOneDraw() {
        StragglerModel model = new StragglerModel(new ChunkTimeDistribution.ShiftedExponential(1, 1e-12),
                Optional.of(ChunkTimeDistribution.parse("shifted-exp:1,1")), 0, 1, 0);
        double[] factors = model.workerFactors(50, new SplittableRandom(9));
        assertThat(Arrays.stream(factors).allMatch(f -> f >= 1.0)).isTrue();
        assertThat(Arrays.stream(factors).distinct().count()).isEqualTo(50);
        double[][] times = model.chunkTimes(new int[] {4}, new double[] {factors[0]}, new SplittableRandom(3));
        assertThat(Arrays.stream(times[0]).allMatch(t -> Math.abs(t - factors[0]) < 1e-9)).isTrue();
    }

    @Test
    void rejectsFractionsOutsideTheUnitIntervalAndSpeedups() {
        ChunkTimeDistribution exp = ChunkTimeDistribution.parse("exp:1");
        assertThatThrownBy(() -> new StragglerModel(exp, Optional.empty(), 1.5, 2, 0))
                .hasMessageContaining("slow fraction");
        assertThatThrownBy(() -> new StragglerModel(exp, Optional.empty(), 0.1, 0.5, 0))
                .hasMessageContaining("slowdown");
    }
}
