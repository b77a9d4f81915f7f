package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScreeningTest {

    @Test
    void dropsNonFiniteMissingAndWrongLengthInputsAndSaysWhich() {
        float[][] x = {{1, 2}, {Float.NaN, 0}, {3, 0}, null, {4, Float.POSITIVE_INFINITY}, {1, 2, 3}, {Float.NEGATIVE_INFINITY, 1}, {4, 1}};
        Screening.Result result = new Screening(2).screen(x);
        assertThat(result.droppedIndices()).containsExactly(1, 3, 4, 5, 6);
        assertThat(result.keptIndices()).containsExactly(0, 2, 7);
        assertThat(result.kept()).isDeepEqualTo(new float[][] {x[0], x[2], x[7]});
        assertThat(result.dropped()).isEqualTo(5);
        assertThat(result.remainingByzantine(6)).isEqualTo(1);
        assertThat(result.remainingByzantine(2)).isZero();
    }

    @Test
    void keepsEverythingWhenAllInputsAreWellFormed() {
        Screening.Result result = new Screening(2).screen(Fixtures.f());
        assertThat(result.dropped()).isZero();
        assertThat(result.kept()).isDeepEqualTo(Fixtures.f());
    }

    @Test
    void screeningBeforeKrumSurvivesANanInput() {
        float[][] x = Fixtures.x7();
        x[6] = new float[] {Float.NaN, Float.NaN};
        Screening.Result result = new Screening(2).screen(x);
        assertThat(new Krum(1).aggregate(result.kept())).doesNotContain(Float.NaN);
    }
}
