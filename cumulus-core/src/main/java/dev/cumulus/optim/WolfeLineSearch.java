package dev.cumulus.optim;

/**
 * A line search for the strong Wolfe conditions (Nocedal and Wright, Numerical Optimization,
 * algorithms 3.5 and 3.6), driven one evaluation at a time so that the caller can evaluate each
 * trial step wherever it likes (here: a full pass of every worker and one all-reduce) and a
 * checkpoint can be taken between any two trials.
 *
 * <p>Along the direction d from x, phi(a) = f(x + a d). A step a is accepted when
 * phi(a) <= phi(0) + c1 a phi'(0) (sufficient decrease) and |phi'(a)| <= c2 |phi'(0)| (curvature).
 * Until a bracket is found the step grows 4-fold; inside a bracket [lo, hi] the next trial is the
 * minimiser of the cubic through both ends' values and slopes, kept at least a tenth of the
 * bracket away from either end (bisection when the cubic has no real minimiser; a tenth of the way
 * from lo when the objective at hi was not finite). After
 * {@link #MAX_TRIALS} trials, or once the bracket is narrower than float steps can resolve, the
 * best step that met sufficient decrease is evaluated once more and accepted; when there is none,
 * the search fails.
 */
final class WolfeLineSearch {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final int MAX_TRIALS = 10;
    private static final double GROWTH = 4;

    /** What a trial's evaluation means for the search. */
    enum Verdict { ACCEPT, NEXT, FAIL }

    private double f0;
    private double slope0;
    private double alpha;
    private double lo;
    private double fLo;
    private double slopeLo;
    /** NaN until a bracket is found. */
    private double hi = Double.NaN;
    private double fHi;
    private double slopeHi;
    private int trials;
    /** Whether the current trial re-evaluates {@code lo} after the search gave up on the conditions. */
    private boolean fallback;

    /** Starts a search from phi(0) = {@code f0}, phi'(0) = {@code slope0} (negative), first trying {@code alpha0}. */
    void start(double f0, double slope0, double alpha0) {
        this.f0 = f0;
        this.slope0 = slope0;
        this.alpha = alpha0;
        this.lo = 0;
        this.fLo = f0;
        this.slopeLo = slope0;
        this.hi = Double.NaN;
        this.trials = 0;
        this.fallback = false;
    }

    /** The step to evaluate next. */
    double alpha() {
        return alpha;
    }

    int trials() {
        return trials;
    }

    /** Judges the trial step {@link #alpha()} by phi(alpha) = {@code f} and phi'(alpha) = {@code slope}. */
    Verdict judge(double f, double slope) {
        trials++;
        if (fallback) {
            return Verdict.ACCEPT;
        }
        boolean decrease = f <= f0 + C1 * alpha * slope0;
        if (!decrease || f >= fLo) {
            // NaN or infinite values land here too (the comparisons are false): the step was too long.
            hi = alpha;
            fHi = f;
            slopeHi = slope;
        } else {
            if (Math.abs(slope) <= -C2 * slope0) {
                return Verdict.ACCEPT;
            }
            boolean bracketed = !Double.isNaN(hi);
            if (bracketed ? slope * (hi - lo) >= 0 : slope >= 0) {
                hi = lo;
                fHi = fLo;
                slopeHi = slopeLo;
            }
            lo = alpha;
            fLo = f;
            slopeLo = slope;
        }
        boolean bracketed = !Double.isNaN(hi);
        boolean unresolvable = bracketed && Math.abs(hi - lo) <= 1e-7 * Math.max(Math.abs(hi), Math.abs(lo));
        if (trials >= MAX_TRIALS || unresolvable) {
            if (lo > 0) {
                alpha = lo;
                fallback = true;
                return Verdict.NEXT;
            }
            return Verdict.FAIL;
        }
        alpha = bracketed ? interpolate() : lo * GROWTH;
        return Verdict.NEXT;
    }

    /** The cubic's minimiser between lo and hi, safeguarded; bisection where the cubic gives none. */
    private double interpolate() {
        double width = Math.abs(hi - lo);
        double low = Math.min(lo, hi) + 0.1 * width;
        double high = Math.max(lo, hi) - 0.1 * width;
        if (!Double.isFinite(fHi) || !Double.isFinite(slopeHi)) {
            // Nothing to interpolate with; the objective blew up there, so go well back towards lo.
            return lo + 0.1 * (hi - lo);
        }
        double d1 = slopeLo + slopeHi - 3 * (fLo - fHi) / (lo - hi);
        double radicand = d1 * d1 - slopeLo * slopeHi;
        double next = Double.NaN;
        if (radicand >= 0) {
            double d2 = Math.signum(hi - lo) * Math.sqrt(radicand);
            next = hi - (hi - lo) * (slopeHi + d2 - d1) / (slopeHi - slopeLo + 2 * d2);
        }
        if (!Double.isFinite(next)) {
            return (lo + hi) / 2;
        }
        return Math.min(high, Math.max(low, next));
    }

    void write(FloatPacking.Writer out) {
        out.putDouble(f0).putDouble(slope0).putDouble(alpha).putDouble(lo).putDouble(fLo).putDouble(slopeLo)
                .putDouble(hi).putDouble(fHi).putDouble(slopeHi).putInt(trials).putInt(fallback ? 1 : 0);
    }

    void read(FloatPacking.Reader in) {
        f0 = in.getDouble();
        slope0 = in.getDouble();
        alpha = in.getDouble();
        lo = in.getDouble();
        fLo = in.getDouble();
        slopeLo = in.getDouble();
        hi = in.getDouble();
        fHi = in.getDouble();
        slopeHi = in.getDouble();
        trials = in.getInt();
        fallback = in.getInt() == 1;
    }
}
