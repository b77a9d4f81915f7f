package dev.cumulus.optim;

/**
 * Full-batch L-BFGS (Nocedal and Wright, Numerical Optimization, algorithms 7.4 and 7.5) as a
 * state machine: it names the point whose objective and gradient it needs next ({@link #point()}),
 * and is told them ({@link #tell}). Where and how the evaluation happens is the caller's business,
 * so N workers that each evaluate their shard and sum through a channel can all run one copy each:
 * with the same sums they make the same decisions, bit for bit, without talking about them.
 *
 * <p>Each iteration searches along d = -H g, with H the inverse-Hessian approximation of the
 * last {@code history} pairs (s, y) = (x' - x, g' - g) by the two-loop recursion, scaled by
 * s.y / y.y of the newest pair; the step meets the strong Wolfe conditions ({@link WolfeLineSearch}).
 * The first step of a search is 1, except without history (1 / ||g||, so the first trial moves x by
 * at most 1). A pair with s.y <= 0 (possible only when the search fell back to a step short of the
 * curvature condition) is skipped, so H stays positive definite. When a search fails along the
 * quasi-Newton direction the history is dropped and steepest descent is tried; when that fails too,
 * no step of float precision decreases the objective and the run has converged. It has converged
 * too once no gradient component exceeds {@link #GRADIENT_TOLERANCE} in magnitude.
 *
 * <p>Everything that decides the next point lives in {@link #state()}, restorable exactly
 * ({@link #restore}), so a checkpoint may be taken after any evaluation.
 */
public final class Lbfgs {
    private static final int STATE_VERSION = 1;
    /** Converged once no gradient component is larger (scipy's L-BFGS-B default, pgtol). */
    public static final double GRADIENT_TOLERANCE = 1e-5;

    private final int history;
    private final int n;
    private float[] x;
    private double f = Double.NaN;
    private float[] g;
    private float[] d;
    private float[] trial;
    private final float[][] s;
    private final float[][] y;
    /** Pairs held, at most {@code history}; the newest is at {@code newest}, older ones before it, cyclically. */
    private int stored;
    private int newest = -1;
    private int iterations;
    private int evaluations;
    private boolean converged;
    private final WolfeLineSearch search = new WolfeLineSearch();

    /** A run from {@code start}, keeping {@code history} (at least 1) pairs. */
    public Lbfgs(float[] start, int history) {
        if (history < 1) {
            throw new IllegalArgumentException("L-BFGS history must be at least 1, got " + history);
        }
        if (start.length == 0) {
            throw new IllegalArgumentException("L-BFGS needs at least one parameter");
        }
        this.history = history;
        this.n = start.length;
        this.x = start.clone();
        this.trial = start.clone();
        this.g = new float[n];
        this.d = new float[n];
        this.s = new float[history][n];
        this.y = new float[history][n];
    }

    /** The point whose objective and gradient the next {@link #tell} must carry. Do not modify. */
    public float[] point() {
        return trial;
    }

    /** The last accepted point (the start until the first iteration ends). */
    public float[] parameters() {
        return x;
    }

    /** The objective at {@link #parameters()}; NaN before the first evaluation. */
    public double loss() {
        return f;
    }

    /** Iterations finished (accepted steps). */
    public int iterations() {
        return iterations;
    }

    /** Evaluations told so far, the start's among them. */
    public int evaluations() {
        return evaluations;
    }

    /** Whether the run is over: a gradient within the tolerance, or no step found that decreases the objective. */
    public boolean converged() {
        return converged;
    }

    /**
     * Takes the objective and gradient at {@link #point()} and moves on: to the next trial of the
     * line search, or to the next iteration (returns true: an iteration ended, {@link #loss()} is its
     * objective), or to convergence ({@link #converged()}).
     */
    public boolean tell(double loss, float[] gradient) {
        if (converged) {
            throw new IllegalStateException("L-BFGS has converged; no further evaluation is needed");
        }
        if (gradient.length != n) {
            throw new IllegalArgumentException("gradient of " + gradient.length + " values for " + n + " parameters");
        }
        evaluations++;
        if (evaluations == 1) {
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("the objective at the start is " + loss);
            }
            f = loss;
            g = gradient.clone();
            beginIteration();
            return false;
        }
        switch (search.judge(loss, dot(gradient, d))) {
            case ACCEPT -> {
                remember(gradient);
                x = trial.clone();
                f = loss;
                g = gradient.clone();
                iterations++;
                beginIteration();
                return true;
            }
            case NEXT -> {
                moveTrial();
                return false;
            }
            default -> {
                if (stored > 0) {
                    stored = 0;
                    newest = -1;
                    beginIteration();
                } else {
                    converged = true;
                }
                return false;
            }
        }
    }

    /** Adds the pair of the accepted trial, unless its curvature is not positive (then the history is kept as it was). */
    private void remember(float[] gradient) {
        float[] sNew = new float[n];
        float[] yNew = new float[n];
        for (int i = 0; i < n; i++) {
            sNew[i] = trial[i] - x[i];
            yNew[i] = gradient[i] - g[i];
        }
        if (dot(sNew, yNew) > 0) {
            newest = (newest + 1) % history;
            s[newest] = sNew;
            y[newest] = yNew;
            stored = Math.min(stored + 1, history);
        }
    }

    /** Sets the direction and the first trial of the next search, or marks convergence at a zero gradient. */
    private void beginIteration() {
        double gg = dot(g, g);
        double largest = 0;
        for (float v : g) {
            largest = Math.max(largest, Math.abs(v));
        }
        if (largest <= GRADIENT_TOLERANCE) {
            converged = true;
            return;
        }
        direction();
        double slope = dot(g, d);
        if (!(slope < 0)) {
            // Rounding made the quasi-Newton direction useless: start over from steepest descent.
            stored = 0;
            newest = -1;
            direction();
            slope = -gg;
        }
        search.start(f, slope, stored > 0 ? 1 : Math.min(1, 1 / Math.sqrt(gg)));
        moveTrial();
    }

    /** d = -H g by the two-loop recursion (d = -g without history). */
    private void direction() {
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = g[i];
        }
        double[] a = new double[stored];
        for (int k = 0; k < stored; k++) {
            int j = Math.floorMod(newest - k, history);
            double rho = 1 / dot(y[j], s[j]);
            a[k] = rho * dot(s[j], q);
            axpy(-a[k], y[j], q);
        }
        if (stored > 0) {
            double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
            for (int i = 0; i < n; i++) {
                q[i] *= gamma;
            }
        }
        for (int k = stored - 1; k >= 0; k--) {
            int j = Math.floorMod(newest - k, history);
            double rho = 1 / dot(y[j], s[j]);
            double b = rho * dot(y[j], q);
            axpy(a[k] - b, s[j], q);
        }
        for (int i = 0; i < n; i++) {
            d[i] = (float) -q[i];
        }
    }

    private void moveTrial() {
        double alpha = search.alpha();
        for (int i = 0; i < n; i++) {
            trial[i] = (float) (x[i] + alpha * d[i]);
        }
    }

    /** Everything the next decisions depend on, for {@link #restore}. */
    public float[] state() {
        FloatPacking.Writer out = new FloatPacking.Writer();
        out.putInt(STATE_VERSION).putInt(history).putInt(n).putInt(stored).putInt(newest).putInt(iterations)
                .putInt(evaluations).putInt(converged ? 1 : 0).putDouble(f);
        out.putFloats(x).putFloats(g).putFloats(d).putFloats(trial);
        for (int k = 0; k < history; k++) {
            out.putFloats(s[k]).putFloats(y[k]);
        }
        search.write(out);
        return out.toArray();
    }

    /** The run {@link #state()} saved, exactly; the history and size must be those it was saved with. */
    public static Lbfgs restore(float[] state, int history, int parameterCount) {
        FloatPacking.Reader in = new FloatPacking.Reader(state);
        int version = in.getInt();
        if (version != STATE_VERSION) {
            throw new IllegalArgumentException("L-BFGS state version " + version + ", expected " + STATE_VERSION);
        }
        int savedHistory = in.getInt();
        int savedSize = in.getInt();
        if (savedHistory != history || savedSize != parameterCount) {
            throw new IllegalArgumentException("L-BFGS state of history " + savedHistory + " over " + savedSize
                    + " parameters, expected history " + history + " over " + parameterCount);
        }
        Lbfgs run = new Lbfgs(new float[parameterCount], history);
        run.stored = in.getInt();
        run.newest = in.getInt();
        run.iterations = in.getInt();
        run.evaluations = in.getInt();
        run.converged = in.getInt() == 1;
        run.f = in.getDouble();
        run.x = in.getFloats(parameterCount);
        run.g = in.getFloats(parameterCount);
        run.d = in.getFloats(parameterCount);
        run.trial = in.getFloats(parameterCount);
        for (int k = 0; k < history; k++) {
            run.s[k] = in.getFloats(parameterCount);
            run.y[k] = in.getFloats(parameterCount);
        }
        run.search.read(in);
        in.expectEnd();
        return run;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double dot(float[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, float[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
