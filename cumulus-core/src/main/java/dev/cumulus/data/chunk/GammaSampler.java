package dev.cumulus.data.chunk;

import java.util.SplittableRandom;

/**
 * Gamma(shape, 1) draws by Marsaglia and Tsang's squeeze method (2000), returned as logarithms so
 * that tiny shapes, whose draws underflow a double, still normalise into Dirichlet proportions.
 */
final class GammaSampler {
    private GammaSampler() {
    }

    /** log X for X ~ Gamma(shape, 1), shape > 0. */
    static double logSample(double shape, SplittableRandom random) {
        if (shape < 1) {
            // Gamma(a) = Gamma(a + 1) * U^(1/a) (Marsaglia and Tsang's boost for a < 1).
            double u = 1 - random.nextDouble();
            return logSample(shape + 1, random) + Math.log(u) / shape;
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1 - random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return Math.log(d * v);
            }
        }
    }
}
