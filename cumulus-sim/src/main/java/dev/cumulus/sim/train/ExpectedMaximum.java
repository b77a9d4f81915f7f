package dev.cumulus.sim.train;

import dev.cumulus.sim.straggler.ChunkTimeDistribution;
import dev.cumulus.sim.straggler.ChunkTimeDistribution.Exponential;
import dev.cumulus.sim.straggler.ChunkTimeDistribution.Pareto;
import dev.cumulus.sim.straggler.ChunkTimeDistribution.ShiftedExponential;

/**
 * The expected maximum of n independent draws of a chunk-time distribution, in closed form: what a BSP round
 * waits for when every worker's computation varies independently.
 *
 * <ul>
 *   <li>Exponential(μ): μ·H_n, with H_n the n-th harmonic number;</li>
 *   <li>shift + Exponential(μ): shift + μ·H_n;</li>
 *   <li>Pareto(x_m, α), α > 1: x_m·Γ(n+1)·Γ(1-1/α) / Γ(n+1-1/α) (infinite for α ≤ 1).</li>
 * </ul>
 */
public final class ExpectedMaximum {
    private ExpectedMaximum() {
    }

    public static double of(ChunkTimeDistribution distribution, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        if (distribution instanceof Exponential e) {
            return e.mean() * harmonic(n);
        }
        if (distribution instanceof ShiftedExponential s) {
            return s.shift() + s.exponentialMean() * harmonic(n);
        }
        Pareto p = (Pareto) distribution;
        if (p.shape() <= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double a = 1.0 / p.shape();
        return p.scale() * Math.exp(logGamma(n + 1.0) + logGamma(1 - a) - logGamma(n + 1.0 - a));
    }

    /** Expected maximum over n draws relative to the distribution's typical value (its mean when finite). */
    public static double relative(ChunkTimeDistribution distribution, int n) {
        return of(distribution, n) / distribution.typical();
    }

    static double harmonic(int n) {
        if (n < 1_000) {
            double h = 0;
            for (int k = n; k >= 1; k--) {
                h += 1.0 / k;
            }
            return h;
        }
        // Euler-Maclaurin: ln n + γ + 1/(2n) - 1/(12n²) + 1/(120n⁴), exact to double precision here.
        double n2 = (double) n * n;
        return Math.log(n) + 0.5772156649015329 + 1 / (2.0 * n) - 1 / (12 * n2) + 1 / (120 * n2 * n2);
    }

    /** ln Γ(x) for x > 0 (Lanczos, g = 7, nine coefficients: about 15 significant digits). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        double z = x - 1;
        double sum = c[0];
        for (int i = 1; i < c.length; i++) {
            sum += c[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
