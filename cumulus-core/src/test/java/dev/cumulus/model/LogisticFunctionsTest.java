package dev.cumulus.model;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LogisticFunctionsTest {

    @Property(tries = 2000)
    void expMinusMatchesMathExpToOnePartIn1e8(@ForAll @DoubleRange(min = 0, max = 700) double a) {
        double expected = Math.exp(-a);
        assertThat(LogisticFunctions.expMinus(a)).isCloseTo(expected, within(1e-8 * expected));
    }

    @Property(tries = 2000)
    void log1pUnitMatchesMathLog1pToOnePartIn1e8(@ForAll @DoubleRange(min = 0, max = 1) double e) {
        double expected = Math.log1p(e);
        assertThat(LogisticFunctions.log1pUnit(e)).isCloseTo(expected, within(1e-8 * expected + 1e-300));
    }

    @Test
    void endpointsAreExact() {
        assertThat(LogisticFunctions.expMinus(0)).isEqualTo(1.0);
        assertThat(LogisticFunctions.expMinus(1e4)).isZero();
        assertThat(LogisticFunctions.log1pUnit(0)).isZero();
        assertThat(LogisticFunctions.log1pUnit(1)).isCloseTo(Math.log(2), within(1e-9));
        assertThat(LogisticFunctions.expMinus(1e-12)).isCloseTo(1 - 1e-12, within(1e-16));
    }
}
