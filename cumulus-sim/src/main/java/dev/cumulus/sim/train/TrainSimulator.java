package dev.cumulus.sim.train;

import dev.cumulus.sim.cost.CostModel;
import dev.cumulus.sim.cost.Deployment;
import dev.cumulus.sim.cost.JobShape;
import dev.cumulus.sim.cost.JobShape.Sync;
import dev.cumulus.sim.cost.Prediction;
import dev.cumulus.sim.straggler.ChunkTimeDistribution;
import dev.cumulus.sim.straggler.StragglerModel;
import java.util.SplittableRandom;

/**
 * A discrete-event simulation of a training job's rounds in virtual time, for worker counts far beyond one
 * machine. Each worker's computation in each round is the cost model's mean scaled by a draw of the straggler
 * model; communication is the cost model's. Under BSP a {@link Barrier} releases a round when its last worker
 * arrives, and the round ends a collective later; under ASP every worker steps on by itself. The fixed part
 * (driver, start-up, load) comes from the cost model. Deterministic in the scenario's seed.
 */
public final class TrainSimulator {
    private final TrainScenario scenario;

    public TrainSimulator(TrainScenario scenario) {
        this.scenario = scenario;
    }

    public TrainReport run() {
        long started = System.nanoTime();
        JobShape job = scenario.job();
        Deployment d = scenario.deployment();
        CostModel model = scenario.model();
        int n = d.workers();
        long rounds = scenario.rounds();
        double compute = model.computeSecondsPerRound(job, d);
        double communication = model.communicationSecondsPerRound(job, d);
        double publish = model.publishSeconds(job, d);
        Prediction closed = model.predict(job, d);
        double fixed = closed.driverSeconds() + closed.startupSeconds() + closed.loadSeconds();

        SplittableRandom random = new SplittableRandom(scenario.seed());
        Workers workers = new Workers(n, rounds, random);
        Result r = job.sync() == Sync.ASP
                ? asp(n, rounds, compute, communication, workers, random)
                : bsp(n, rounds, compute, communication, workers, random);
        double training = r.end + publish;
        // Every worker is billed from its start-up to its own end; under BSP all end with the last round.
        double billedEach = closed.workerSeconds() - closed.computeSeconds() - closed.communicationSeconds()
                + r.meanLifetime + publish;
        // The parameter server's instance (if any) is up for the whole job: priced with the platform.
        double platformUsd = model.platformUsd(job, d, billedEach) + model.serverUsd(job, d, fixed + training);
        double storeUsd = model.storeUsd(job, d, rounds, fixed + training);
        double closedTraining = rounds * (compute * closedFormFactor(job.sync(), n) + communication) + publish;
        return new TrainReport(rounds, fixed, training, r.computeTotal / n, r.communicationTotal / n,
                r.waitTotal / n, r.slowestRound, workers.restarts, platformUsd, storeUsd, closedTraining,
                (System.nanoTime() - started) / 1_000_000L);
    }

    /**
     * The mean round's computation relative to the model's mean, in closed form: 1 without variation; with
     * independent draws only, the expected maximum over n workers (BSP) or the mean (ASP); otherwise NaN (no
     * closed form: persistent slowdowns or failures).
     */
    private double closedFormFactor(Sync sync, int n) {
        if (scenario.stragglers().isEmpty()) {
            return 1.0;
        }
        StragglerModel m = scenario.stragglers().get();
        if (m.workerSlowdown().isPresent() || m.slowFraction() > 0 || m.failFraction() > 0) {
            return Double.NaN;
        }
        return sync == Sync.ASP ? m.chunkTime().mean() / m.chunkTime().typical()
                : ExpectedMaximum.relative(m.chunkTime(), n);
    }

    /** Each round: every worker computes from the release; the barrier releases at the last arrival. */
    private Result bsp(int n, long rounds, double compute, double communication, Workers workers,
            SplittableRandom random) {
        Result r = new Result();
        EventQueue arrivals = new EventQueue(n);
        Barrier barrier = new Barrier(n);
        double release = 0;
        for (long round = 0; round < rounds; round++) {
            for (int j = 0; j < n; j++) {
                double seconds = workers.computeSeconds(j, round, compute, random);
                r.computeTotal += seconds;
                arrivals.push(j, release + seconds);
            }
            boolean complete = false;
            while (!arrivals.isEmpty()) {
                double time = arrivals.peekTime();
                arrivals.pop();
                complete = barrier.arrive(time);
            }
            if (!complete) {
                throw new IllegalStateException("round " + round + " ended before every worker arrived");
            }
            double end = barrier.lastArrival() + communication;
            r.slowestRound = Math.max(r.slowestRound, end - release);
            r.waitTotal += barrier.reset();
            r.communicationTotal += n * communication;
            release = end;
        }
        r.end = release;
        r.meanLifetime = release;
        return r;
    }

    /** Every worker steps on alone: the next event is always the earliest worker's step end. */
    private Result asp(int n, long rounds, double compute, double communication, Workers workers,
            SplittableRandom random) {
        Result r = new Result();
        EventQueue steps = new EventQueue(n);
        long[] done = new long[n];
        double[] stepStart = new double[n];
        for (int j = 0; j < n; j++) {
            double seconds = workers.computeSeconds(j, 0, compute, random);
            r.computeTotal += seconds;
            steps.push(j, seconds + communication);
        }
        double lifetimes = 0;
        while (!steps.isEmpty()) {
            int j = steps.peekWorker();
            double time = steps.peekTime();
            steps.pop();
            r.communicationTotal += communication;
            r.slowestRound = Math.max(r.slowestRound, time - stepStart[j]);
            if (++done[j] < rounds) {
                double seconds = workers.computeSeconds(j, done[j], compute, random);
                r.computeTotal += seconds;
                stepStart[j] = time;
                steps.push(j, time + seconds + communication);
            } else {
                lifetimes += time;
                r.end = Math.max(r.end, time);
            }
        }
        r.meanLifetime = lifetimes / n;
        return r;
    }

    /** Running totals of a simulated job. */
    private static final class Result {
        double computeTotal;
        double communicationTotal;
        double waitTotal;
        double slowestRound;
        double end;
        double meanLifetime;
    }

    /** Every worker's persistent speed and failure, and its per-round draws. */
    private final class Workers {
        private final double[] factors;
        private final long[] failRound;
        private final ChunkTimeDistribution distribution;
        private final double typical;
        int restarts;

        Workers(int n, long rounds, SplittableRandom random) {
            factors = new double[n];
            failRound = new long[n];
            java.util.Arrays.fill(factors, 1.0);
            java.util.Arrays.fill(failRound, -1);
            StragglerModel model = scenario.stragglers().orElse(null);
            distribution = model == null ? null : model.chunkTime();
            typical = model == null ? 1 : model.chunkTime().typical();
            if (model != null) {
                double[] drawn = model.workerFactors(n, random);
                for (int j = 0; j < n; j++) {
                    if (Double.isInfinite(drawn[j])) {
                        // A failed function is re-invoked from the last checkpoint (WorkerSupervisor), once.
                        failRound[j] = random.nextLong(rounds);
                        restarts++;
                    } else {
                        factors[j] = drawn[j];
                    }
                }
            }
        }

        double computeSeconds(int worker, long round, double mean, SplittableRandom random) {
            double draw = distribution == null ? 1.0 : distribution.sample(random) / typical;
            double seconds = mean * factors[worker] * draw;
            return round == failRound[worker] ? seconds + scenario.restartSeconds() : seconds;
        }
    }
}
