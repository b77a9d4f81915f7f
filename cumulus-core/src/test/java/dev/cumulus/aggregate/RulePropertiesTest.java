package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties every rule (and some chains) must have, over random inputs. */
class RulePropertiesTest {

    /** A rule for a given f, with a name for reports. */
    record Rule(String name, IntFunction<Aggregator> forF) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Rule> EVERY_RULE = List.of(
            new Rule("mean", f -> new Mean()),
            new Rule("median", CoordinateMedian::new),
            new Rule("trimmed-mean", TrimmedMean::new),
            new Rule("meamed", MeanAroundMedian::new),
            new Rule("geomed", f -> GeometricMedian.byzfl()),
            new Rule("krum", Krum::new),
            new Rule("multi-krum", MultiKrum::new),
            new Rule("bulyan", Bulyan::new),
            new Rule("cc", f -> new CenteredClipping(100, 1)),
            new Rule("mda", MinimumDiameterAveraging::new),
            new Rule("smea", SmallestMaxEigenvalueAveraging::new),
            new Rule("monna", f -> new Monna(f, 0)),
            new Rule("nnm then median", f -> new ComposedAggregator(List.of(new NearestNeighbourMixing(f)), new CoordinateMedian(f))),
            new Rule("arc then nnm then krum", f -> new ComposedAggregator(
                    List.of(new AdaptiveRobustClipping(f), new NearestNeighbourMixing(f)), new Krum(f))),
            new Rule("clipping then mean", f -> new ComposedAggregator(List.of(new StaticClipping(1000)), new Mean())));

    /** Rules whose output stays within reach of the honest inputs whatever f inputs do. */
    private static final List<Rule> BOUNDED_RULES = EVERY_RULE.stream()
            .filter(r -> !List.of("mean", "cc", "clipping then mean").contains(r.name()))
            .toList();

    @Provide
    Arbitrary<Rule> everyRule() {
        return Arbitraries.of(EVERY_RULE);
    }

    @Provide
    Arbitrary<Rule> boundedRule() {
        return Arbitraries.of(BOUNDED_RULES);
    }

    @Property(tries = 400)
    void outputDoesNotDependOnTheInputOrder(@ForAll("everyRule") Rule rule, @ForAll long seed,
                                            @ForAll @IntRange(min = 0, max = 2) int f,
                                            @ForAll @IntRange(min = 0, max = 4) int extra) {
        Aggregator aggregator = rule.forF().apply(f);
        int n = Math.max(aggregator.precondition().minInputs(), 2 * f + 1) + extra;
        float[][] x = Fixtures.random(seed, n, 3, 10);
        // MoNNA trusts input 0, so the permutation keeps it first.
        float[][] shuffled = x.clone();
        float[][] tail = Fixtures.permuted(Arrays.copyOfRange(x, 1, n), seed ^ 0x5DEECE66DL);
        System.arraycopy(tail, 0, shuffled, 1, n - 1);
        float[] expected = aggregator.aggregate(x);
        assertThat(rule.forF().apply(f).aggregate(shuffled)).containsExactly(expected, within(1e-4f));
    }

    @Property(tries = 400)
    void identicalInputsWithoutByzantinesGiveThatInputBack(@ForAll("everyRule") Rule rule, @ForAll long seed,
                                                           @ForAll @IntRange(min = 0, max = 5) int extra) {
        Aggregator aggregator = rule.forF().apply(0);
        int n = aggregator.precondition().minInputs() + extra;
        float[] v = Fixtures.random(seed, 1, 4, 10)[0];
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = v.clone();
        }
        assertThat(aggregator.aggregate(x)).containsExactly(v, within(1e-5f));
    }

    @Property(tries = 400)
    void fHugeInputsCannotDragTheOutputAway(@ForAll("boundedRule") Rule rule, @ForAll long seed,
                                            @ForAll @IntRange(min = 1, max = 3) int f,
                                            @ForAll @IntRange(min = 0, max = 3) int extra,
                                            @ForAll @IntRange(min = 3, max = 30) int magnitudeExponent) {
        Aggregator aggregator = rule.forF().apply(f);
        int n = Math.max(aggregator.precondition().minInputs(), 2 * f + 1) + extra;
        double radius = 10;
        float[][] x = Fixtures.random(seed, n, 3, radius);
        float[][] byzantine = Fixtures.random(~seed, f, 3, 1);
        for (int b = 0; b < f; b++) {
            for (int k = 0; k < 3; k++) {
                // Far in one direction, so colluding inputs stay close to each other.
                x[n - 1 - b][k] = (float) (Math.pow(10, magnitudeExponent) * (1 + 0.01 * byzantine[b][k]));
            }
        }
        // Geometric-median style bound: a Byzantine fraction a = f / (n - f) < 1 moves z at most
        // radius (1 + a) / (1 - a) from the honest ball, whatever the magnitude; the other rules stay
        // inside the honest box.
        double a = (double) f / (n - f);
        double bound = Math.sqrt(3) * radius * (1 + a) / (1 - a) + 1e-3;
        assertThat(norm(aggregator.aggregate(x))).isLessThanOrEqualTo(bound);
    }

    @Property(tries = 300)
    void afterScreeningNoRuleCrashesOrReturnsNonFiniteValuesOnMalformedInputs(@ForAll("everyRule") Rule rule,
                                                                              @ForAll long seed,
                                                                              @ForAll @IntRange(min = 0, max = 3) int f,
                                                                              @ForAll @IntRange(min = 0, max = 3) int extra) {
        Aggregator aggregator = rule.forF().apply(f);
        int honest = Math.max(aggregator.precondition().minInputs(), 2 * f + 1) + extra;
        float[][] x = new float[honest + f][];
        System.arraycopy(Fixtures.random(seed, honest, 3, 10), 0, x, 0, honest);
        float[][] malformed = {{Float.NaN, 0, 0}, {Float.POSITIVE_INFINITY, 1, 1}, {1, 2}, null};
        for (int b = 0; b < f; b++) {
            x[honest + b] = malformed[(int) Math.floorMod(seed + b, 4L)];
        }
        float[][] shuffled = Fixtures.permuted(x, seed);
        Screening.Result screened = new Screening(3).screen(shuffled);
        assertThat(screened.dropped()).isEqualTo(f);
        float[] out = aggregator.aggregate(screened.kept());
        for (float v : out) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float c : v) {
            s += (double) c * c;
        }
        return Math.sqrt(s);
    }
}
