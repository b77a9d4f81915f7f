package dev.cumulus.ps;

import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.Optimizers;
import java.util.Arrays;

/**
 * The model a parameter server holds and the pure rules for folding pushes into it; no I/O, no
 * threads (the caller serialises access). Recovery replays the journal through the same rules.
 *
 * <p>Which (worker, round) pairs were accepted is implied by the state: under BSP, every round below
 * the current one and the current round's pending workers; under ASP, every round up to each
 * worker's last accepted one (a worker's rounds increase).
 */
final class ParameterState {

    /** What a push does to the state. */
    enum Verdict { ACCEPT, DUPLICATE }

    private final ModelInit init;
    private final float[] parameters;
    private final Optimizer optimizer;
    /** BSP: each worker's gradient for the current round, or null. */
    private final float[][] pending;
    /** ASP: each worker's last accepted round, or -1. */
    private final long[] lastRound;
    private long round;
    private long updatesApplied;
    private long pushesAccepted;

    ParameterState(ModelInit init) {
        this.init = init;
        this.parameters = init.parameters();
        this.optimizer = Optimizers.create(init.optimizer(), parameters.length);
        this.pending = new float[init.workers()][];
        this.lastRound = new long[init.workers()];
        Arrays.fill(lastRound, -1);
    }

    /** Decides what a push does, or throws naming the input it cannot accept. */
    Verdict check(int worker, long round, float[] gradient) {
        if (worker < 0 || worker >= init.workers()) {
            throw new IllegalArgumentException("Invalid worker " + worker + " for model '" + init.modelId()
                    + "': expected 0 to " + (init.workers() - 1));
        }
        if (round < 0) {
            throw new IllegalArgumentException("Invalid round " + round + " from worker " + worker + ": expected >= 0");
        }
        if (gradient.length != parameters.length) {
            throw new IllegalArgumentException("Invalid gradient from worker " + worker + " for round " + round + ": "
                    + gradient.length + " values, model '" + init.modelId() + "' has " + parameters.length);
        }
        return init.mode() == SyncMode.BSP ? checkBsp(worker, round) : checkAsp(worker, round);
    }

    private Verdict checkBsp(int worker, long pushRound) {
        if (pushRound > round) {
            throw new IllegalStateException("Push from worker " + worker + " for round " + pushRound
                    + " is ahead of the model, at round " + round + ": pull round " + pushRound + " first");
        }
        return pushRound < round || pending[worker] != null ? Verdict.DUPLICATE : Verdict.ACCEPT;
    }

    private Verdict checkAsp(int worker, long pushRound) {
        return pushRound <= lastRound[worker] ? Verdict.DUPLICATE : Verdict.ACCEPT;
    }

    /**
     * Folds in a push that {@link #check} accepted. Returns true when the model changed: under ASP
     * always, under BSP when this was the round's last gradient.
     */
    boolean apply(int worker, long pushRound, float[] gradient) {
        pushesAccepted++;
        if (init.mode() == SyncMode.ASP) {
            lastRound[worker] = pushRound;
            step(gradient);
            return true;
        }
        pending[worker] = gradient.clone();
        for (float[] g : pending) {
            if (g == null) {
                return false;
            }
        }
        step(meanOfPending());
        Arrays.fill(pending, null);
        return true;
    }

    /** The mean, summed in rank order so that the result does not depend on arrival order. */
    private float[] meanOfPending() {
        float[] sum = pending[0].clone();
        for (int w = 1; w < pending.length; w++) {
            float[] g = pending[w];
            for (int i = 0; i < sum.length; i++) {
                sum[i] += g[i];
            }
        }
        float n = pending.length;
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= n;
        }
        return sum;
    }

    private void step(float[] gradient) {
        optimizer.step(parameters, gradient);
        updatesApplied++;
        round++;
    }

    ModelInit init() {
        return init;
    }

    long round() {
        return round;
    }

    long updatesApplied() {
        return updatesApplied;
    }

    long pushesAccepted() {
        return pushesAccepted;
    }

    /** A copy of the current parameters. */
    float[] parameters() {
        return parameters.clone();
    }

    float[] optimizerState() {
        return optimizer.state();
    }

    /** The pending gradient of a worker (BSP), or null; not a copy. */
    float[] pending(int worker) {
        return pending[worker];
    }

    long lastRound(int worker) {
        return lastRound[worker];
    }

    /** Restores everything a snapshot holds; used only by {@link SnapshotFormat}. */
    void restore(long savedRound, long savedUpdates, long savedPushes, float[] savedParameters, float[] savedOptimizerState,
                 float[][] savedPending, long[] savedLastRound) {
        if (savedParameters.length != parameters.length || savedPending.length != pending.length
                || savedLastRound.length != lastRound.length) {
            throw new IllegalArgumentException("snapshot does not fit model '" + init.modelId() + "'");
        }
        round = savedRound;
        updatesApplied = savedUpdates;
        pushesAccepted = savedPushes;
        System.arraycopy(savedParameters, 0, parameters, 0, parameters.length);
        optimizer.restore(savedOptimizerState);
        for (int w = 0; w < pending.length; w++) {
            pending[w] = savedPending[w] == null ? null : savedPending[w].clone();
        }
        System.arraycopy(savedLastRound, 0, lastRound, 0, lastRound.length);
    }
}
