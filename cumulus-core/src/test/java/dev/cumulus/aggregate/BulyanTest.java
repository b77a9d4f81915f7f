package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BulyanTest {

    @Test
    void picksX5X6X3X1X2OnTheWorkedExample() {
        assertThat(new Bulyan(1).select(Fixtures.x7())).containsExactly(4, 5, 2, 0, 1);
    }

    @Test
    void averagesThePickedValuesNearestTheirMedianOnTheWorkedExample() {
        assertThat(new Bulyan(1).aggregate(Fixtures.x7())).containsExactly(new float[] {2.0f, 5f / 3}, within(1e-6f));
    }

    @Test
    void needsFourFPlusThreeInputs() {
        assertThatThrownBy(() -> new Bulyan(1).aggregate(Fixtures.f()))
                .isInstanceOf(TooFewInputsException.class).hasMessage("bulyan needs n >= 4f + 3; got n = 5, f = 1");
    }

    @Test
    void withoutByzantineInputsAveragesEveryInput() {
        float[][] x = {{1}, {5}, {2}};
        assertThat(new Bulyan(0).aggregate(x)).containsExactly(new float[] {8f / 3}, within(1e-6f));
    }
}
