package dev.cumulus.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import org.junit.jupiter.api.Test;

class LabelFlipTest {

    @Test
    void mapsEachLabelYToClassesMinusOneMinusY() {
        assertThat(LabelFlip.flip(new int[] {0, 1, 2, 9, 4}, 10)).containsExactly(9, 8, 7, 0, 5);
    }

    @Test
    void flippingTwiceRestoresTheLabels() {
        int[] labels = {0, 3, 1, 2, 2};
        assertThat(LabelFlip.flip(LabelFlip.flip(labels, 4), 4)).containsExactly(labels);
    }

    @Test
    void flipsADatasetsLabelsAndKeepsItsFeatures() {
        Dataset data = new Dataset(new DenseFeatures(3, 1, new float[] {1, 2, 3}), new int[] {0, 1, 1}, 2);
        Dataset flipped = LabelFlip.flip(data);
        assertThat(flipped.labels()).containsExactly(1, 0, 0);
        assertThat(flipped.features()).isSameAs(data.features());
        assertThat(data.labels()).containsExactly(0, 1, 1);
    }

    @Test
    void aLabelOutsideTheClassesIsAnErrorNamingItsRow() {
        assertThatThrownBy(() -> LabelFlip.flip(new int[] {0, 5}, 3)).hasMessage("label flip: label 5 at row 1 is outside [0, 3)");
    }
}
