package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CenteredClippingTest {

    @Test
    void oneStepFromZeroWithTauFiveClipsOnlyX5OnFixtureF() {
        assertThat(new CenteredClipping(5, 1).aggregate(Fixtures.f()))
                .containsExactly(new float[] {2.832050f, 0.845300f}, within(1e-5f));
    }

    @Test
    void threeStepsFromZeroWithTauFiveGiveTheWorkedValue() {
        assertThat(new CenteredClipping(5, 3).aggregate(Fixtures.f()))
                .containsExactly(new float[] {3.292335f, 0.801195f}, within(1e-5f));
    }

    @Test
    void tauOneClipsEveryInput() {
        assertThat(new CenteredClipping(1, 1).aggregate(Fixtures.f()))
                .containsExactly(new float[] {0.739324f, 0.295338f}, within(1e-5f));
    }

    @Test
    void eachCallStartsFromThePreviousOutputUntilReset() {
        CenteredClipping once = new CenteredClipping(5, 1);
        once.aggregate(Fixtures.f());
        float[] second = once.aggregate(Fixtures.f());
        assertThat(second).containsExactly(new CenteredClipping(5, 2).aggregate(Fixtures.f()), within(1e-5f));
        once.reset();
        assertThat(once.aggregate(Fixtures.f())).containsExactly(new float[] {2.832050f, 0.845300f}, within(1e-5f));
    }

    @Test
    void aChangedVectorLengthWithoutResetIsAnError() {
        CenteredClipping cc = new CenteredClipping(5, 1);
        cc.aggregate(Fixtures.f());
        assertThatThrownBy(() -> cc.aggregate(new float[][] {{1, 2, 3}}))
                .hasMessageContaining("inputs have length 3 but the previous round's had 2");
    }

    @Test
    void rejectsAZeroRadius() {
        assertThatThrownBy(() -> new CenteredClipping(0, 1))
                .hasMessage("Invalid value 0.0 for cc.tau: expected a finite value > 0");
    }
}
