package dev.cumulus.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The line search's accepted step meets both strong Wolfe conditions, from steps far too short or too long. */
class WolfeLineSearchTest {

    /** phi(a) = (a - m)^2 / 2 + tail * a^4, phi'(0) < 0 for m > 0. */
    private static DoubleUnaryOperator phi(double m, double tail) {
        return a -> 0.5 * (a - m) * (a - m) + tail * a * a * a * a;
    }

    private static DoubleUnaryOperator slope(double m, double tail) {
        return a -> (a - m) + 4 * tail * a * a * a;
    }

    @ParameterizedTest(name = "minimum near {0}, quartic {1}, first step {2}")
    @CsvSource({"1, 0, 1", "1, 0, 1e-6", "1, 0, 1e6", "50, 0.01, 1", "0.001, 0, 1", "3, 5, 100"})
    void acceptsAStepMeetingBothStrongWolfeConditions(double m, double tail, double first) {
        DoubleUnaryOperator f = phi(m, tail);
        DoubleUnaryOperator df = slope(m, tail);
        WolfeLineSearch search = new WolfeLineSearch();
        search.start(f.applyAsDouble(0), df.applyAsDouble(0), first);
        WolfeLineSearch.Verdict verdict;
        boolean fallback = false;
        do {
            double a = search.alpha();
            verdict = search.judge(f.applyAsDouble(a), df.applyAsDouble(a));
            fallback |= search.trials() >= WolfeLineSearch.MAX_TRIALS;
        } while (verdict == WolfeLineSearch.Verdict.NEXT);

        assertThat(verdict).isEqualTo(WolfeLineSearch.Verdict.ACCEPT);
        double a = search.alpha();
        assertThat(f.applyAsDouble(a)).isLessThanOrEqualTo(f.applyAsDouble(0)
                + WolfeLineSearch.C1 * a * df.applyAsDouble(0));
        if (!fallback) {
            assertThat(Math.abs(df.applyAsDouble(a))).isLessThanOrEqualTo(-WolfeLineSearch.C2 * df.applyAsDouble(0));
        }
    }

    @ParameterizedTest(name = "overflow beyond {0}")
    @CsvSource({"2", "0.5"})
    void backsOffFromStepsWhereTheObjectiveIsNotFinite(double limit) {
        WolfeLineSearch search = new WolfeLineSearch();
        search.start(0.5, -1, 1e3);
        WolfeLineSearch.Verdict verdict;
        do {
            double a = search.alpha();
            boolean finite = a < limit;
            verdict = search.judge(finite ? 0.5 * (a - 1) * (a - 1) : Double.NaN, finite ? a - 1 : Double.NaN);
        } while (verdict == WolfeLineSearch.Verdict.NEXT);
        assertThat(verdict).isEqualTo(WolfeLineSearch.Verdict.ACCEPT);
        assertThat(search.alpha()).isLessThan(limit).isPositive();
    }
}
