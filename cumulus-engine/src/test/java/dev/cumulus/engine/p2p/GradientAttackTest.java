package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.aggregate.AggregatorSpec;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a Byzantine peer publishes: vectors forged from the honest messages, carrying their mean loss. */
class GradientAttackTest {
    private static final AggregatorSpec MEAN = AggregatorSpec.of("mean", 0);

    @Test
    void signFlipPublishesTheNegatedHonestMeanWithTheHonestMeanLoss() {
        GradientAttack attack = GradientAttack.parse("sign-flip", MEAN, 1);
        float[][] forged = attack.forge(List.of(new float[] {1, 2, 0.5f, 1}, new float[] {3, 0, 1.5f, 1}), 2, 0, 2);

        assertThat(forged).hasDimensions(2, 4);
        assertThat(forged[0]).containsExactly(-2, -1, 1, 1);
        assertThat(forged[1]).containsExactly(-2, -1, 1, 1);
    }

    @Test
    void gaussianNoiseIsTheSameAtEveryAttackerOfARoundAndDiffersBetweenRounds() {
        GradientAttack attack = GradientAttack.parse("gaussian:standardDeviation=2", MEAN, 5);
        List<float[]> honest = List.of(new float[] {0, 0, 0, 1}, new float[] {0, 0, 0, 1});
        assertThat(attack.forge(honest, 1, 3, 2)[0]).isEqualTo(GradientAttack.parse("gaussian:standardDeviation=2", MEAN, 5)
                .forge(honest, 1, 3, 2)[0]);
        assertThat(attack.forge(honest, 1, 3, 2)[0]).isNotEqualTo(attack.forge(honest, 1, 4, 2)[0]);
    }

    @Test
    void wrongLengthPublishesAVectorHonestPeersCannotUse() {
        float[][] forged = GradientAttack.parse("wrong-length", MEAN, 1).forge(List.of(new float[12]), 1, 0, 10);
        assertThat(forged[0]).hasSize(6);
    }

    @Test
    void labelFlipTrainsOnFlippedLabelsAndForgesNothing() {
        GradientAttack attack = GradientAttack.parse("label-flip", MEAN, 1);
        Dataset shard = new Dataset(new DenseFeatures(3, 1, new float[] {1, 2, 3}), new int[] {0, 1, 2}, 3);

        assertThat(attack.forges()).isFalse();
        assertThat(attack.data(shard).labels()).containsExactly(2, 1, 0);
        assertThatThrownBy(() -> attack.forge(List.of(), 1, 0, 1)).isInstanceOf(IllegalStateException.class);
    }
}
