package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatorsTest {

    @Test
    void buildsEveryRuleByNameWithItsDefaults() {
        for (String rule : Aggregators.RULES) {
            Aggregator built = Aggregators.create(AggregatorSpec.of(rule, 1));
            assertThat(built.precondition().rule()).isEqualTo(rule);
            assertThat(built.aggregate(Fixtures.x7())).hasSize(2);
        }
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(AggregatorSpec.of("Multi-Krum", 1).rule()).isEqualTo("multi-krum");
    }

    @Test
    void anUnknownRuleIsNamedAndTheValidOnesListed() {
        assertThatThrownBy(() -> AggregatorSpec.of("krumm", 1))
                .hasMessage("Invalid value krumm for aggregator.rule: expected one of bulyan, cc, geomed, krum, mda, meamed, "
                        + "mean, median, monna, multi-krum, smea, trimmed-mean");
    }

    @Test
    void anUnknownParameterIsNamedWithTheRuleAndTheValidOnes() {
        assertThatThrownBy(() -> new AggregatorSpec("cc", 0, Map.of("radius", 5.0), List.of()))
                .hasMessage("Invalid parameter radius for aggregator rule cc: expected one of iterations, tau");
        assertThatThrownBy(() -> new AggregatorSpec("median", 0, Map.of("k", 5.0), List.of()))
                .hasMessage("Invalid parameter k for aggregator rule median: expected no parameters");
    }

    @Test
    void anUnknownPreAggregatorIsNamedAndTheValidOnesListed() {
        assertThatThrownBy(() -> PreAggregatorSpec.of("mixing"))
                .hasMessage("Invalid value mixing for aggregator pre-aggregator: expected one of arc, bucketing, clipping, nnm");
    }

    @Test
    void aFractionalIntegerParameterIsAnErrorNamingIt() {
        AggregatorSpec spec = new AggregatorSpec("krum", 1, Map.of("neighbourOffset", 1.5), List.of());
        assertThatThrownBy(() -> Aggregators.create(spec))
                .hasMessage("Invalid value 1.5 for krum.neighbourOffset: expected an integer");
    }

    @Test
    void parametersReachTheRule() {
        AggregatorSpec spec = new AggregatorSpec("cc", 0, Map.of("tau", 5.0, "iterations", 3.0), List.of());
        assertThat(Aggregators.create(spec).aggregate(Fixtures.f()))
                .containsExactly(new float[] {3.292335f, 0.801195f}, within(1e-5f));
    }

    @Test
    void preAggregatorsRunInOrderBeforeTheRuleWithItsF() {
        AggregatorSpec spec = AggregatorSpec.of("mean", 1)
                .withPreAggregator(new PreAggregatorSpec("clipping", Map.of("threshold", 5.0)))
                .withPreAggregator(PreAggregatorSpec.of("arc"));
        Aggregator chain = Aggregators.create(spec);
        assertThat(chain).isInstanceOf(ComposedAggregator.class);
        assertThat(chain.precondition().rule()).isEqualTo("clipping then arc then mean");
        // Clipping to 5 turns x5 into (4.160251, -2.773501), still the longest; ARC then clips it to ||x2||.
        assertThat(chain.aggregate(Fixtures.f())).containsExactly(new float[] {2.744208f, 0.903861f}, within(1e-5f));
    }

    @Test
    void aNegativeFIsRejected() {
        assertThatThrownBy(() -> AggregatorSpec.of("krum", -1))
                .hasMessage("Invalid value -1 for aggregator.f: expected at least 0");
    }
}
