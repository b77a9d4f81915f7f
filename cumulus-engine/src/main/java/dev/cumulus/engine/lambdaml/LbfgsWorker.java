package dev.cumulus.engine.lambdaml;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.channel.collective.Collective;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.checkpoint.BackgroundCheckpoints;
import dev.cumulus.engine.checkpoint.Checkpoint;
import dev.cumulus.engine.checkpoint.Checkpoints;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.protocol.ChunkLoader;
import dev.cumulus.engine.protocol.HandoffPolicy;
import dev.cumulus.engine.protocol.ProgressBoard;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.RunSetup;
import dev.cumulus.engine.protocol.Straggler;
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import dev.cumulus.optim.Lbfgs;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One worker of full-batch L-BFGS over the channel (as Spark MLlib runs it, on storage instead of
 * a driver): every evaluation, each worker computes the objective and gradient of its whole chunk,
 * the workers sum (gradient x rows, objective x rows, rows) with the job's collective, and each
 * runs its own copy of {@link Lbfgs} on the mean. The sums are the same bytes on every worker, so
 * every copy makes the same decisions and holds the same parameters, bit for bit, without any
 * other exchange. The L2 term is in each worker's objective, so the row-weighted mean keeps it once.
 *
 * <p>A collective round is one evaluation: the start, then each trial of each line search. An
 * "epoch" of the run's curve is one L-BFGS iteration, its loss the objective at the accepted
 * point. Rank 0 checkpoints the whole state (parameters, history, line search) after every round,
 * in the background, so a re-invoked worker resumes at any round; a worker near its time limit
 * writes its own and hands over. Each worker ends by writing its final parameters, which
 * {@link #report} compares with the published model.
 */
final class LbfgsWorker {
    /** Models whose objective is smooth: L-BFGS's curvature pairs and Wolfe search assume a gradient that changes continuously. */
    static final Set<String> SMOOTH_MODELS = Set.of("logistic", "softmax");
    private static final String COLLECTIVE = "lbfgs";

    private final RoleTask task;
    private final Channel channel;
    private final Timeline timeline;
    private final HandoffPolicy handoff;

    LbfgsWorker(RoleContext context) {
        this.task = context.task();
        this.channel = context.channel();
        this.timeline = context.timeline();
        this.handoff = context.handoff();
    }

    /** The job-level checks of {@code algorithm.type: lbfgs}: a smooth model, and no stochastic-optimiser keys. */
    static void check(Job job, List<String> warnings) {
        String model = job.string("model.type");
        if (!SMOOTH_MODELS.contains(model)) {
            throw job.invalid(LambdaMl.ALGORITHM.name(), "L-BFGS needs a smooth objective, model.type logistic or "
                    + "softmax, not " + model + (model.equals("svm") ? " (the hinge loss has a kink at margin 1)"
                    : model.equals("mlp") ? " (ReLU units have kinks, and the objective is not convex)" : ""));
        }
        for (String key : List.of("algorithm.optimizer", "algorithm.learningRate", "algorithm.momentum",
                "algorithm.batchSize", "algorithm.schedule", "algorithm.warmupSteps")) {
            job.warnIfSet(key, "L-BFGS takes full-batch steps whose length its line search chooses", warnings);
        }
    }

    WorkerOutcome run() {
        RunKeys keys = task.keys();
        Dataset chunk = ChunkLoader.load(channel, keys, task.rank(), timeline);
        Model model = Models.create(task.job().model(), task.features(), task.classes());
        int p = model.parameterCount();
        int history = task.job().settings(LambdaMlSettings.class).history();
        Collective allReduce = Collectives.of(task, channel, COLLECTIVE);
        Checkpoints checkpoints = new Checkpoints(channel, keys);
        ProgressBoard board = new ProgressBoard(channel, keys);
        Straggler straggler = new Straggler(task);
        Double target = task.job().training().targetLoss();
        int iterations = task.job().training().epochs();

        Checkpoint start = task.resume() ? checkpoints.latest(task.rank()).orElse(null) : null;
        Lbfgs lbfgs = start != null ? Lbfgs.restore(start.optimizerState(), history, p)
                : new Lbfgs(model.initialParameters(task.job().seed()), history);
        Progress progress = Progress.resume(task.originEpochMicros(), start);

        WholeChunkGradient evaluation = new WholeChunkGradient(model, chunk);
        float[] gradient = new float[p];
        float[] message = new float[p + 2];
        float[] sum = new float[p + 2];
        try (BackgroundCheckpoints background = new BackgroundCheckpoints(checkpoints)) {
            while (progress.epoch() < iterations && !lbfgs.converged()) {
                if (handoff.mustHandOver()) {
                    background.finish();
                    checkpoints.writeOwn(task.rank(), checkpoint(progress, lbfgs));
                    return WorkerOutcome.HANDED_OVER;
                }
                long roundStart = System.nanoTime();
                long round = progress.round();
                timeline.round(round);
                straggler.maybeFail(round);
                try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                    long computeStart = System.nanoTime();
                    evaluation.evaluate(lbfgs.point(), message);
                    straggler.afterCompute(round, System.nanoTime() - computeStart);
                }
                try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                    // The last round's checkpoint is durable before this round can complete, as if written in line.
                    background.finish();
                    allReduce.sum(round, message, sum);
                    span.addBytes(2L * message.length * Float.BYTES);
                }
                boolean iterationEnded;
                try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                    float total = sum[p + 1];
                    for (int i = 0; i < p; i++) {
                        gradient[i] = sum[i] / total;
                    }
                    iterationEnded = lbfgs.tell((double) sum[p] / total, gradient);
                }
                if (iterationEnded) {
                    progress.add(lbfgs.loss(), 1);
                    double loss = progress.finishStep(1);
                    // Every worker sees the same sums, so all stop at the same iteration without a vote.
                    if (target != null && loss <= target) {
                        progress.stopAt(iterations);
                    }
                } else {
                    progress.nextRound();
                }
                if (task.rank() == 0) {
                    board.post(progress.report(iterations, 1, (System.nanoTime() - roundStart) / 1e6));
                    background.writeShared(checkpoint(progress, lbfgs));
                }
                handoff.stepTook(System.nanoTime() - roundStart);
            }
            background.finish();
        }
        float[] parameters = lbfgs.parameters();
        channel.put(finalKey(keys, task.rank()), FloatCodec.encode(parameters));
        if (task.rank() == 0) {
            Publisher.publish(channel, keys, timeline, parameters, progress.curve());
        }
        return WorkerOutcome.FINISHED;
    }

    private static Checkpoint checkpoint(Progress progress, Lbfgs lbfgs) {
        return progress.checkpoint(lbfgs.parameters().clone(), lbfgs.state());
    }

    private static String finalKey(RunKeys keys, int rank) {
        return keys.collective(COLLECTIVE) + "/final/" + rank;
    }

    /**
     * What the run's report adds: how many workers ended with exactly the published parameters.
     * Fewer than all means the copies of L-BFGS drifted apart, which the design rules out, so it
     * fails the run rather than publish one worker's model as everyone's.
     */
    static Map<String, Object> report(RunSetup run, float[] published) {
        int workers = run.job().workers();
        int identical = 0;
        for (int rank = 0; rank < workers; rank++) {
            float[] own = FloatCodec.decode(run.channel().await(finalKey(run.keys(), rank), Duration.ofSeconds(10)));
            if (Arrays.equals(own, published)) {
                identical++;
            }
        }
        if (identical != workers) {
            throw new IllegalStateException("L-BFGS: only " + identical + " of " + workers
                    + " workers ended with the published parameters; their copies of the optimiser drifted apart");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("lbfgsIdenticalWorkers", identical);
        return report;
    }
}
