package dev.cumulus.sim.gc;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.CoverageTracker;
import dev.cumulus.coding.classic.IgnoreStragglers;
import dev.cumulus.sim.straggler.StragglerModel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A discrete-event simulation of gradient-coded rounds in virtual time.
 *
 * <p>Each trial samples every worker's per-chunk times once and runs four schemes on them: wait for
 * all and ignore stragglers (uncoded, each worker holding m/N chunks processed with the first of
 * its sampled times), classic gradient coding (a worker counts only once it finished every chunk;
 * best decoder over the finished set), and the partial-straggler code (every finished chunk
 * counts). Coverage, the exact trigger and the error come from {@link CoverageTracker}, the same
 * code the real coordinator runs. Trial t draws from a generator seeded by (seed, t) alone, so
 * results do not depend on how trials are spread over threads.
 */
public final class GcSimulator {
    private final GcScenario scenario;
    private final ChunkOrder order;
    private final IgnoreStragglers ignore;
    private final int[] loads;
    private final double[] deadlines;

    /**
     * A simulator for the scenario.
     *
     * @throws IllegalArgumentException if the scenario's assignment cannot be ordered or covered
     */
    public GcSimulator(GcScenario scenario) {
        this.scenario = scenario;
        this.order = scenario.buildOrder();
        this.ignore = IgnoreStragglers.uncoded(scenario.chunks(), scenario.workers());
        Assignment a = order.assignment();
        this.loads = new int[a.workers()];
        for (int j = 0; j < loads.length; j++) {
            loads[j] = a.load(j);
        }
        this.deadlines = scenario.deadlines();
    }

    /** The public order the simulated workers follow. */
    public ChunkOrder order() {
        return order;
    }

    /** Runs every trial in parallel on the common pool and summarises them. */
    public GcReport run() {
        long start = System.nanoTime();
        List<TrialResult> trials = IntStream.range(0, scenario.trials()).parallel()
                .mapToObj(this::trial).toList();
        return summarise(trials, (System.nanoTime() - start) / 1_000_000L);
    }

    /** Runs trial {@code index}: deterministic in (scenario seed, index). */
    public TrialResult trial(int index) {
        SplittableRandom random = new SplittableRandom(mix(scenario.seed(), index));
        StragglerModel model = scenario.stragglers();
        double[] factors = model.workerFactors(loads.length, random);
        double[][] times = model.chunkTimes(loads, factors, random);
        double[][] finish = new double[times.length][];
        for (int j = 0; j < times.length; j++) {
            finish[j] = new double[times[j].length];
            double t = 0;
            for (int p = 0; p < times[j].length; p++) {
                t += times[j][p];
                finish[j][p] = t;
            }
        }
        double[] ignoreError = new double[deadlines.length];
        double waitForAll = uncoded(finish, ignoreError);
        double[] classicError = new double[deadlines.length];
        double classic = classic(finish, classicError);
        double[] partialError = new double[deadlines.length];
        double partial = partial(finish, partialError);
        return new TrialResult(waitForAll, classic, partial, ignoreError, classicError, partialError);
    }

    /** Uncoded: worker j finishes its u_j chunks at finish[j][u_j - 1]. Fills the ignore errors. */
    private double uncoded(double[][] finish, double[] errors) {
        Assignment uncoded = ignore.assignment();
        double all = 0;
        double[] doneAt = new double[uncoded.workers()];
        for (int j = 0; j < doneAt.length; j++) {
            int u = uncoded.load(j);
            doneAt[j] = u == 0 ? 0 : finish[j][u - 1];
            all = Math.max(all, doneAt[j]);
        }
        boolean[] finished = new boolean[doneAt.length];
        for (int d = 0; d < deadlines.length; d++) {
            for (int j = 0; j < doneAt.length; j++) {
                finished[j] = doneAt[j] <= deadlines[d];
            }
            errors[d] = ignore.normalisedError(finished);
        }
        return all;
    }

    /** Classic: workers join, whole, in the order they finish everything. */
    private double classic(double[][] finish, double[] errors) {
        int n = finish.length;
        EventHeap byTime = new EventHeap(n);
        for (int j = 0; j < n; j++) {
            double doneAt = finish[j][finish[j].length - 1];
            if (Double.isFinite(doneAt)) {
                byTime.push(j, doneAt);
            }
        }
        CoverageTracker tracker = new CoverageTracker(order, scenario.parts());
        double completion = Double.POSITIVE_INFINITY;
        int d = 0;
        while (!byTime.isEmpty()) {
            int j = byTime.peekWorker();
            double t = byTime.peekTime();
            byTime.pop();
            while (d < deadlines.length && deadlines[d] < t) {
                errors[d++] = tracker.normalisedError();
            }
            tracker.recordFinishedCount(j, loads[j]);
            if (Double.isInfinite(completion) && tracker.complete()) {
                completion = t;
                if (d == deadlines.length) {
                    return completion;
                }
            }
        }
        while (d < deadlines.length) {
            errors[d++] = tracker.normalisedError();
        }
        return completion;
    }

    /** Partial work used: every chunk counts the moment it is finished. */
    private double partial(double[][] finish, double[] errors) {
        int n = finish.length;
        EventHeap heap = new EventHeap(n);
        int[] next = new int[n];
        for (int j = 0; j < n; j++) {
            if (Double.isFinite(finish[j][0])) {
                heap.push(j, finish[j][0]);
            }
        }
        CoverageTracker tracker = new CoverageTracker(order, scenario.parts());
        double completion = Double.POSITIVE_INFINITY;
        int d = 0;
        while (!heap.isEmpty()) {
            int j = heap.peekWorker();
            double t = heap.peekTime();
            while (d < deadlines.length && deadlines[d] < t) {
                errors[d++] = tracker.normalisedError();
            }
            tracker.recordNextChunk(j);
            if (Double.isInfinite(completion) && tracker.complete()) {
                completion = t;
                if (d == deadlines.length) {
                    return completion;
                }
            }
            int p = ++next[j];
            if (p < finish[j].length) {
                heap.replaceTop(finish[j][p]);
            } else {
                heap.pop();
            }
        }
        while (d < deadlines.length) {
            errors[d++] = tracker.normalisedError();
        }
        return completion;
    }

    private GcReport summarise(List<TrialResult> trials, long elapsedMillis) {
        int count = trials.size();
        double[] waitForAll = new double[count];
        double[] classic = new double[count];
        double[] partial = new double[count];
        double[] ignoreMean = new double[deadlines.length];
        double[] classicMean = new double[deadlines.length];
        double[] partialMean = new double[deadlines.length];
        for (int k = 0; k < count; k++) {
            TrialResult r = trials.get(k);
            waitForAll[k] = r.waitForAll();
            classic[k] = r.classic();
            partial[k] = r.partial();
            for (int d = 0; d < deadlines.length; d++) {
                ignoreMean[d] += r.ignoreStragglers()[d] / count;
                classicMean[d] += r.classicError()[d] / count;
                partialMean[d] += r.partialError()[d] / count;
            }
        }
        return new GcReport(scenario, order.qMax(scenario.parts()), GcReport.Statistic.of(waitForAll),
                GcReport.Statistic.of(classic), GcReport.Statistic.of(partial), ignoreMean, classicMean, partialMean,
                trials, elapsedMillis);
    }

    /** A per-trial seed: the SplitMix64 finaliser of (seed, index), well spread for adjacent indices. */
    static long mix(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + (index + 1L) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A binary min-heap of workers keyed by the time of their next chunk. */
    private static final class EventHeap {
        private final int[] workers;
        private final double[] times;
        private int size;

        EventHeap(int capacity) {
            workers = new int[capacity];
            times = new double[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        int peekWorker() {
            return workers[0];
        }

        double peekTime() {
            return times[0];
        }

        void push(int worker, double time) {
            int k = size++;
            while (k > 0) {
                int parent = (k - 1) >>> 1;
                if (times[parent] <= time) {
                    break;
                }
                workers[k] = workers[parent];
                times[k] = times[parent];
                k = parent;
            }
            workers[k] = worker;
            times[k] = time;
        }

        void replaceTop(double time) {
            siftDown(workers[0], time);
        }

        void pop() {
            size--;
            if (size > 0) {
                siftDown(workers[size], times[size]);
            }
        }

        private void siftDown(int worker, double time) {
            int k = 0;
            while (true) {
                int child = 2 * k + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && times[child + 1] < times[child]) {
                    child++;
                }
                if (times[child] >= time) {
                    break;
                }
                workers[k] = workers[child];
                times[k] = times[child];
                k = child;
            }
            workers[k] = worker;
            times[k] = time;
        }
    }
}
