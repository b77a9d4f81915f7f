package dev.cumulus.coding.round;

import dev.cumulus.coding.StateVector;
import java.util.Objects;

/**
 * The coordinator's decisions in one coded round, fed the round's events: no I/O and no clock of
 * its own. The caller reports "worker j has finished k chunks at time t", "worker j failed at time
 * t" and "the deadline passed at time t", in non-decreasing time; after every event the round says
 * whether it has triggered. Once triggered, the {@link #state()} to broadcast, the expected
 * {@link #normalisedError()} and the coordinator's {@link #decoding()} are fixed, and later events
 * are ignored (the workers have been told to stop).
 *
 * <p>Reports may arrive late or coalesced: a count at or below the last one is ignored, a count
 * that skips ahead counts every chunk in between. Mutable and not thread-safe; one per round.
 */
public final class CodedRound {
    private final RoundConfig config;
    private final Progress progress;
    private final int[] loads;
    private final int[] reported;
    private final boolean[] failed;
    private double lastTime = Double.NEGATIVE_INFINITY;
    private double triggeredAt = Double.NaN;
    private boolean triggeredByDeadline;
    private StateVector broadcast;

    /** A round in which nothing is finished yet. */
    public CodedRound(RoundConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.progress = config.strategy().start();
        int n = config.strategy().assignment().workers();
        this.loads = new int[n];
        for (int j = 0; j < n; j++) {
            loads[j] = config.strategy().assignment().load(j);
        }
        this.reported = new int[n];
        this.failed = new boolean[n];
    }

    private CodedRound(CodedRound other, RoundConfig config) {
        this.config = config;
        this.progress = other.progress.copy();
        this.loads = other.loads;
        this.reported = other.reported.clone();
        this.failed = other.failed.clone();
        this.lastTime = other.lastTime;
        this.triggeredAt = other.triggeredAt;
        this.broadcast = other.broadcast;
    }

    /**
     * The round this one would be, had it been configured with another deadline (positive infinity
     * for exact mode) and fed the same events: the same counts and, if this round triggered because
     * the gradient became recoverable, the same trigger. Lets one stream of events answer for
     * several deadlines without feeding a round per deadline (the simulator's use).
     *
     * @throws IllegalArgumentException if the deadline is before the last event, so that round
     *     would have triggered earlier
     * @throws IllegalStateException if this round triggered at its own deadline
     */
    public CodedRound withDeadline(double deadline) {
        if (triggeredByDeadline) {
            throw new IllegalStateException("this round triggered at its deadline " + config.deadline()
                    + "; a round with another deadline would have seen other events");
        }
        if (deadline < lastTime) {
            throw new IllegalArgumentException("deadline " + deadline + " is before the last event at " + lastTime
                    + ": that round would have triggered earlier");
        }
        return new CodedRound(this, new RoundConfig(config.strategy(), deadline));
    }

    /** The configuration this round decides by. */
    public RoundConfig config() {
        return config;
    }

    /**
     * Worker j reports that it has finished the first {@code finishedCount} chunks of its order at
     * time t. Returns whether the round has triggered (now or before).
     *
     * @throws IllegalArgumentException if the worker or count is out of range, or time goes back
     * @throws IllegalStateException if the worker was reported failed
     */
    public boolean chunkFinished(int worker, int finishedCount, double time) {
        checkWorker(worker);
        int load = loads[worker];
        if (finishedCount < 0 || finishedCount > load) {
            throw new IllegalArgumentException("worker " + worker + " reports " + finishedCount
                    + " finished chunks, expected 0.." + load);
        }
        advance(time);
        if (triggered()) {
            return true;
        }
        if (failed[worker]) {
            throw new IllegalStateException("worker " + worker + " reported " + finishedCount
                    + " finished chunks after it was reported failed");
        }
        if (finishedCount > reported[worker]) {
            reported[worker] = finishedCount;
            progress.chunksFinished(worker, finishedCount);
            if (progress.recoverable()) {
                trigger(time);
            }
        }
        return triggered();
    }

    /**
     * Worker j failed at time t: what it finished can no longer be sent, and it may not report
     * again. Returns whether the round has triggered.
     */
    public boolean workerFailed(int worker, double time) {
        checkWorker(worker);
        advance(time);
        if (!triggered() && !failed[worker]) {
            failed[worker] = true;
            reported[worker] = 0;
            progress.workerFailed(worker);
        }
        return triggered();
    }

    /**
     * The deadline passed at time t (at or after the configured deadline): approximate mode
     * triggers now with whatever is finished. Returns whether the round has triggered.
     *
     * @throws IllegalStateException in exact mode, which has no deadline
     * @throws IllegalArgumentException if t is before the configured deadline
     */
    public boolean deadlineReached(double time) {
        if (config.isExact()) {
            throw new IllegalStateException("exact mode has no deadline");
        }
        if (!(time >= config.deadline())) {
            throw new IllegalArgumentException("deadline reported at " + time + ", before the configured deadline "
                    + config.deadline());
        }
        advance(time);
        if (!triggered()) {
            trigger(time);
            triggeredByDeadline = true;
        }
        return true;
    }

    /** Whether the full gradient is recoverable from what has been counted (frozen once triggered). */
    public boolean recoverable() {
        return progress.recoverable();
    }

    /** Whether the coordinator has to broadcast "encode and transmit" (it does once, at {@link #triggeredAt()}). */
    public boolean triggered() {
        return broadcast != null;
    }

    /** The time of the event that triggered the round, NaN before. */
    public double triggeredAt() {
        return triggeredAt;
    }

    /** The state vector to broadcast: frozen at the trigger, the current count before. */
    public StateVector state() {
        return broadcast != null ? broadcast : progress.broadcast();
    }

    /** The normalised mean-squared error of decoding from {@link #state()} (0 when recoverable). */
    public double normalisedError() {
        return progress.normalisedError();
    }

    /** The coordinator's decoding matrix for {@link #state()} (parts x N). */
    public double[][] decoding() {
        return config.strategy().decoding(state());
    }

    /** The last count worker j reported (0 after a failure). */
    public int reported(int worker) {
        return reported[worker];
    }

    private void trigger(double time) {
        triggeredAt = time;
        broadcast = progress.broadcast();
    }

    private void advance(double time) {
        if (Double.isNaN(time) || time < lastTime) {
            throw new IllegalArgumentException("event at time " + time + " after an event at " + lastTime
                    + ": events must come in non-decreasing time");
        }
        lastTime = time;
    }

    private void checkWorker(int worker) {
        if (worker < 0 || worker >= reported.length) {
            throw new IllegalArgumentException("worker " + worker + " out of range 0.." + (reported.length - 1));
        }
    }
}
