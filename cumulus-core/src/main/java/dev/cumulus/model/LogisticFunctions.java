package dev.cumulus.model;

/**
 * exp(-a) and log(1 + e) by short polynomials, for the logistic loss on the hot path.
 *
 * <p>Math.exp and Math.log cost tens of cycles per call and Math.log1p is not a JIT intrinsic;
 * in the logistic gradient over 28 features they cost more than reading the row. These versions
 * are a handful of independent multiply-adds, accurate to about 1e-8 relative, far below the
 * float precision of the gradient they feed.
 */
final class LogisticFunctions {
    private static final double LOG2_E = 1.4426950408889634;
    private static final double LN_2 = 0.6931471805599453;

    private LogisticFunctions() {
    }

    /** exp(-a) for a >= 0 (relative error below 1e-8; 0 beyond a = 700). */
    static double expMinus(double a) {
        if (a > 700) {
            return 0;
        }
        // e^-a = 2^k * e^f with k the integer nearest to -a log2(e) and |f| <= ln(2) / 2.
        double t = -a * LOG2_E;
        double k = Math.rint(t);
        double f = (t - k) * LN_2;
        double p = 1 + f * (1 + f * (1.0 / 2 + f * (1.0 / 6 + f * (1.0 / 24 + f * (1.0 / 120
                + f * (1.0 / 720 + f * (1.0 / 5040 + f * (1.0 / 40320))))))));
        return p * Double.longBitsToDouble(((long) k + 1023) << 52);
    }

    /** log(1 + e) for e in [0, 1] (relative error below 1e-8). */
    static double log1pUnit(double e) {
        // log(1 + e) = 2 atanh(s) with s = e / (2 + e) in [0, 1/3]: an odd series in s.
        double s = e / (2 + e);
        double s2 = s * s;
        double series = 1 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 + s2 * (1.0 / 11
                + s2 * (1.0 / 13 + s2 * (1.0 / 15 + s2 * (1.0 / 17))))))));
        return 2 * s * series;
    }

    /** Float exp(-a) for a >= 0 (relative error about 2e-7; clamps a to 87, the float range). */
    static float expMinus(float a) {
        // The reduction runs in double: in float, t's rounding alone would cost 1e-6 relative.
        double t = -Math.min(a, 87f) * LOG2_E;
        // Adding and subtracting 1.5 * 2^52 rounds t to the nearest integer without a branch.
        double k = (t + 6755399441055744.0) - 6755399441055744.0;
        float f = (float) ((t - k) * LN_2);
        // Taylor series of e^f to degree 6, |f| <= ln(2) / 2, in fused multiply-adds.
        float p = Math.fma(f, 1f / 720, 1f / 120);
        p = Math.fma(p, f, 1f / 24);
        p = Math.fma(p, f, 1f / 6);
        p = Math.fma(p, f, 0.5f);
        p = Math.fma(p, f, 1f);
        p = Math.fma(p, f, 1f);
        return p * Float.intBitsToFloat(((int) k + 127) << 23);
    }

    /** Float log(1 + e) for e in [0, 1] (relative error about 2e-7). */
    static float log1pUnit(float e) {
        // e * P(e), P a degree-8 least-squares fit of log(1 + e) / e at Chebyshev nodes of [0, 1]
        // (relative error 3e-8 in exact arithmetic): no division, unlike the atanh series.
        float p = Math.fma(e, 0.005253457797056743f, -0.029588507393105985f);
        p = Math.fma(p, e, 0.07836166801922524f);
        p = Math.fma(p, e, -0.13674769705585546f);
        p = Math.fma(p, e, 0.19111431080611685f);
        p = Math.fma(p, e, -0.24844369892476806f);
        p = Math.fma(p, e, 0.3331927134250213f);
        p = Math.fma(p, e, -0.49999501516787115f);
        p = Math.fma(p, e, 0.9999999705406564f);
        return e * p;
    }
}
