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
        assertThat(LogisticFunctions.expMinus(0.0)).isEqualTo(1.0);
        assertThat(LogisticFunctions.expMinus(1e4)).isZero();
        assertThat(LogisticFunctions.log1pUnit(0.0)).isZero();
        assertThat(LogisticFunctions.log1pUnit(1.0)).isCloseTo(Math.log(2), within(1e-9));
        assertThat(LogisticFunctions.expMinus(1e-12)).isCloseTo(1 - 1e-12, within(1e-16));
    }

    @Property(tries = 2000)
    void floatExpMinusMatchesMathExpToFloatPrecision(@ForAll @DoubleRange(min = 0, max = 87) double a) {
        double expected = Math.exp(-(float) a);
        assertThat((double) LogisticFunctions.expMinus((float) a)).isCloseTo(expected, within(5e-7 * expected));
    }

    @Property(tries = 2000)
    void floatLog1pUnitMatchesMathLog1pToFloatPrecision(@ForAll @DoubleRange(min = 0, max = 1) double e) {
        double expected = Math.log1p((float) e);
        assertThat((double) LogisticFunctions.log1pUnit((float) e)).isCloseTo(expected, within(5e-7 * expected + 1e-45));
    }

    @Test
    void floatExpMinusUnderflowsGracefullyBeyondTheFloatRange() {
        assertThat(LogisticFunctions.expMinus(1e6f)).isGreaterThanOrEqualTo(0f).isLessThan(1e-37f);
        assertThat(LogisticFunctions.expMinus(0f)).isEqualTo(1f);
    }
}
