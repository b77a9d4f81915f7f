package dev.cumulus.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.aggregate.AggregatorSpec;
import dev.cumulus.aggregate.Krum;
import dev.cumulus.aggregate.Screening;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AttacksTest {

    /** byzantine.md's honest set H = x1..x4 of fixture F: mean (2.5, 1.75), sample sigma (1.290994, 1.707825). */
    private static float[][] h() {
        return new float[][] {{1, 2}, {2, 4}, {3, 0}, {4, 1}};
    }

    private static final SplittableRandom ANY = new SplittableRandom(0);

    @Test
    void signFlipSendsTheNegatedHonestMean() {
        float[][] b = new SignFlip().forge(h(), 2, ANY);
        assertThat(b).hasNumberOfRows(2);
        for (float[] row : b) {
            assertThat(row).containsExactly(new float[] {-2.5f, -1.75f}, within(1e-6f));
        }
    }

    @Test
    void ipmSendsMinusEpsilonTimesTheMean() {
        assertThat(new InnerProductManipulation(0.1).forge(h(), 1, ANY)[0]).containsExactly(new float[] {-0.25f, -0.175f}, within(1e-6f));
        assertThat(new InnerProductManipulation(2).forge(h(), 1, ANY)[0]).containsExactly(new float[] {-5f, -3.5f}, within(1e-6f));
    }

    @Test
    void alieWithByzflsSignAndZMatchesTheWorkedValue() {
        assertThat(new LittleIsEnough(1.5, 1).forge(h(), 1, ANY)[0]).containsExactly(new float[] {4.436492f, 4.311738f}, within(1e-5f));
    }

    @Test
    void alieWithThePaperZForFiveInputsMatchesTheWorkedValue() {
        // n = 4 honest + 1 Byzantine, z(5, 1) = 0.2533; direction +1 as in the worked example.
        assertThat(new LittleIsEnough(null, 1).forge(h(), 1, ANY)[0]).containsExactly(new float[] {2.827070f, 2.182673f}, within(1e-5f));
    }

    @Test
    void paperZMatchesTheTabulatedValues() {
        int[][] nf = {{5, 1}, {11, 1}, {12, 2}, {13, 3}, {14, 4}, {25, 5}, {50, 24}};
        double[] z = {0.2533, 0.1142, 0.2104, 0.5024, 0.5659, 0.4677, 1.7507};
        for (int i = 0; i < z.length; i++) {
            assertThat(LittleIsEnough.paperZ(nf[i][0], nf[i][1])).as("z(%d, %d)", nf[i][0], nf[i][1]).isCloseTo(z[i], within(5e-5));
        }
    }

    @Test
    void paperZIsAnErrorWhenFLeavesNoSupporterToRecruit() {
        assertThatThrownBy(() -> LittleIsEnough.paperZ(5, 3))
                .hasMessage("alie: the paper's z is undefined for n = 5, f = 3 (needs 1 <= floor(n/2 + 1) - f < n)");
    }

    @Test
    void normalQuantileMatchesKnownValuesInBothTails() {
        assertThat(NormalQuantile.of(0.5)).isCloseTo(0, within(1e-12));
        assertThat(NormalQuantile.of(0.975)).isCloseTo(1.959963985, within(1e-8));
        assertThat(NormalQuantile.of(0.001)).isCloseTo(-3.090232306, within(1e-8));
        assertThat(NormalQuantile.of(0.9999)).isCloseTo(3.719016485, within(1e-8));
    }

    @Property
    void alieSendsMeanMinusZSigmaPerCoordinate(@ForAll long seed, @ForAll @IntRange(min = 2, max = 12) int honestCount,
                                              @ForAll @IntRange(min = 1, max = 3) int f) {
        float[][] honest = random(seed, honestCount, 5);
        int n = honestCount + f;
        if (n / 2 + 1 - f < 1) {
            return;
        }
        float[][] b = LittleIsEnough.paper().forge(honest, f, ANY);
        double z = LittleIsEnough.paperZ(n, f);
        for (int k = 0; k < 5; k++) {
            double mean = 0;
            for (float[] x : honest) {
                mean += x[k];
            }
            mean /= honestCount;
            double squares = 0;
            for (float[] x : honest) {
                squares += (x[k] - mean) * (x[k] - mean);
            }
            double sigma = Math.sqrt(squares / (honestCount - 1));
            for (float[] row : b) {
                assertThat((double) row[k]).isCloseTo(mean - z * sigma, within(1e-4));
            }
        }
    }

    @Test
    void gaussianNoiseIsFixedByTheSeedAndHasTheRequestedScale() {
        float[][] honest = new float[3][10_000];
        float[][] a = new GaussianNoise(1, 3).forge(honest, 2, new SplittableRandom(7));
        assertThat(new GaussianNoise(1, 3).forge(honest, 2, new SplittableRandom(7))).isDeepEqualTo(a);
        assertThat(a[0]).isNotEqualTo(a[1]);
        double mean = 0;
        double squares = 0;
        for (float v : a[0]) {
            mean += v;
            squares += (double) v * v;
        }
        mean /= a[0].length;
        double sd = Math.sqrt(squares / a[0].length - mean * mean);
        assertThat(mean).isCloseTo(1, within(0.1));
        assertThat(sd).isCloseTo(3, within(0.1));
    }

    @Test
    void mimicCopiesTheChosenHonestVector() {
        float[][] honest = h();
        float[][] b = new Mimic(2).forge(honest, 3, ANY);
        for (float[] row : b) {
            assertThat(row).containsExactly(3f, 0f);
            assertThat(row).isNotSameAs(honest[2]);
        }
        assertThatThrownBy(() -> new Mimic(4).forge(honest, 1, ANY)).hasMessage("mimic: honestIndex 4 is out of range for 4 honest vectors");
    }

    @Test
    void nanVectorsAreScreenedOutBeforeKrum() {
        float[][] honest = random(3, 7, 4);
        float[][] byzantine = new NonFiniteValues(Float.NaN).forge(honest, 2, ANY);
        float[][] all = new float[9][];
        System.arraycopy(honest, 0, all, 0, 7);
        System.arraycopy(byzantine, 0, all, 7, 2);
        Screening.Result screened = new Screening(4).screen(all);
        assertThat(screened.droppedIndices()).containsExactly(7, 8);
        float[] out = new Krum(2).aggregate(screened.kept());
        assertThat(Arrays.asList(honest)).anySatisfy(x -> assertThat(x).isEqualTo(out));
    }

    @Test
    void infinityVectorsAreAllInfinite() {
        float[][] b = new NonFiniteValues(Float.POSITIVE_INFINITY).forge(h(), 1, ANY);
        assertThat(b[0]).containsOnly(Float.POSITIVE_INFINITY);
    }

    @Test
    void attacksNeverModifyTheHonestVectors() {
        float[][] honest = h();
        for (String name : Attacks.NAMES) {
            Attacks.create(AttackSpec.of(name), AggregatorSpec.of("median", 2)).forge(honest, 2, new SplittableRandom(1));
        }
        assertThat(honest).isDeepEqualTo(h());
    }

    @Test
    void theFactoryBuildsEveryAttackAndPassesParameters() {
        for (String name : Attacks.NAMES) {
            assertThat(Attacks.create(AttackSpec.of(name), AggregatorSpec.of("krum", 1)).forge(h(), 1, new SplittableRandom(1)))
                    .hasNumberOfRows(1);
        }
        Attack alie = Attacks.create(new AttackSpec("ALIE", Map.of("z", 1.5, "direction", 1.0)));
        assertThat(alie.forge(h(), 1, ANY)[0]).containsExactly(new float[] {4.436492f, 4.311738f}, within(1e-5f));
    }

    @Test
    void anUnknownAttackOrParameterIsNamedWithTheValidOnes() {
        assertThatThrownBy(() -> AttackSpec.of("little"))
                .hasMessage("Invalid value little for attack.name: expected one of alie, gaussian, inf, ipm, mimic, nan, "
                        + "optimal-alie, optimal-ipm, sign-flip");
        assertThatThrownBy(() -> new AttackSpec("ipm", Map.of("tau", 2.0)))
                .hasMessage("Invalid parameter tau for attack ipm: expected one of epsilon");
    }

    @Test
    void adaptiveAttacksNeedTheDefenceTheyFace() {
        assertThatThrownBy(() -> Attacks.create(AttackSpec.of("optimal-ipm")))
                .hasMessage("attack optimal-ipm tunes itself against the defence it faces: build it with Attacks.create(spec, defence)");
        assertThatThrownBy(() -> new AttackSpec("optimal-ipm", Map.of("direction", 1.0)))
                .hasMessage("Invalid parameter direction for attack optimal-ipm: expected one of evaluations");
    }

    private static float[][] random(long seed, int n, int d) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = new float[n][d];
        for (float[] row : out) {
            for (int k = 0; k < d; k++) {
                row[k] = (float) random.nextDouble(-10, 10);
            }
        }
        return out;
    }
}
