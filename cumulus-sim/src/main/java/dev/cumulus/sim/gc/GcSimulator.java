package dev.cumulus.sim.gc;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.EncodingMatrix;
import dev.cumulus.coding.PartialStragglerCode;
import dev.cumulus.coding.round.CodedRound;
import dev.cumulus.coding.round.PartialWork;
import dev.cumulus.coding.round.RoundConfig;
import dev.cumulus.coding.round.Strategy;
import dev.cumulus.coding.round.Uncoded;
import dev.cumulus.coding.round.WholeWorkers;
import dev.cumulus.sim.straggler.StragglerModel;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A discrete-event simulation of gradient-coded rounds in virtual time.
 *
 * <p>Each trial samples every worker's per-chunk times once and plays them, as events in time
 * order, into the {@link CodedRound}s a real coordinator would run: the {@link Uncoded} scheme
 * (wait for all in exact mode, ignore stragglers at each deadline), classic gradient coding
 * ({@link WholeWorkers}: a worker counts only once it finished every chunk) and the
 * partial-straggler code ({@link PartialWork}: every finished chunk counts). Exact-mode completion
 * is when the exact round triggers; the approximate-mode error at deadline T is the error of the
 * approximate round with deadline T when it triggers: the exact round re-read with that deadline
 * ({@link CodedRound#withDeadline}), which has seen the same events. The uncoded workers hold m/N
 * chunks each and take the first of their sampled times. Trial t draws from a generator seeded by
 * (seed, t) alone, so results do not depend on how trials are spread over threads.
 */
public final class GcSimulator {
    private final GcScenario scenario;
    private final ChunkOrder order;
    private final Strategy uncoded;
    private final Strategy classic;
    private final Strategy partial;
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
        PartialStragglerCode code = new PartialStragglerCode(order,
                EncodingMatrix.forAssignment(order.assignment(), scenario.parts()));
        this.uncoded = Uncoded.of(scenario.chunks(), scenario.workers());
        this.classic = new WholeWorkers(code);
        this.partial = new PartialWork(code);
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
        double waitForAll = play(uncoded, finish, ignoreError);
        double[] classicError = new double[deadlines.length];
        double classicTime = play(classic, finish, classicError);
        double[] partialError = new double[deadlines.length];
        double partialTime = play(partial, finish, partialError);
        return new TrialResult(waitForAll, classicTime, partialTime, ignoreError,
                classicError, partialError);
    }

    /**
     * Plays the trial's chunk completions (worker j finishes its p-th chunk at finish[j][p], for p
     * below its load under the strategy) into an exact-mode round. When deadline T passes, the
     * approximate round with deadline T is that round {@linkplain CodedRound#withDeadline re-read
     * with deadline T} (it would have seen the same events), told that its deadline is reached.
     * Fills the approximate errors and returns the exact completion time (infinite if the exact
     * round never triggers).
     */
    private double play(Strategy strategy, double[][] finish, double[] errors) {
        Assignment a = strategy.assignment();
        int n = a.workers();
        CodedRound exact = new CodedRound(RoundConfig.exact(strategy));
        EventHeap heap = new EventHeap(n);
        int[] next = new int[n];
        for (int j = 0; j < n; j++) {
            if (a.load(j) > 0 && Double.isFinite(finish[j][0])) {
                heap.push(j, finish[j][0]);
            }
        }
        int d = 0;
        while (!heap.isEmpty()) {
            int j = heap.peekWorker();
            double t = heap.peekTime();
            while (d < deadlines.length && deadlines[d] < t) {
                errors[d] = passDeadline(exact, deadlines[d]);
                d++;
            }
            int count = ++next[j];
            if (exact.chunkFinished(j, count, t)) {
                break;
            }
            if (count < a.load(j)) {
                heap.replaceTop(finish[j][count]);
            } else {
                heap.pop();
            }
        }
        while (d < deadlines.length) {
            errors[d] = passDeadline(exact, deadlines[d]);
            d++;
        }
        return exact.triggered() ? exact.triggeredAt() : Double.POSITIVE_INFINITY;
    }

    private static double passDeadline(CodedRound exact, double deadline) {
        CodedRound approximate = exact.withDeadline(deadline);
        approximate.deadlineReached(deadline);
        return approximate.normalisedError();
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
