package dev.cumulus.engine.lambdaml;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.collective.SharedModel;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.protocol.BatchSchedule;
import dev.cumulus.engine.protocol.ChunkLoader;
import dev.cumulus.engine.protocol.HandoffPolicy;
import dev.cumulus.engine.protocol.ProgressBoard;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.Straggler;
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.checkpoint.Checkpoint;
import dev.cumulus.engine.checkpoint.Checkpoints;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import dev.cumulus.optim.LearningRateSchedule;
import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.Optimizers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One asynchronous SGD worker (LambdaML's ASP, and SSP with its staleness bound): every step it reads the shared model from the
 * channel, computes its batch's gradient, and writes the updated model back, without waiting for
 * anyone. Concurrent updates may overwrite each other, as in LambdaML; that is ASP's price.
 *
 * <p>The shared model is the run's model, so a worker's own checkpoint holds only its position,
 * optimiser state and curve; a worker that dies is re-invoked while the others go on.
 */
final class AspWorker {
    private final RoleTask task;
    private final Channel channel;
    private final Timeline timeline;
    private final HandoffPolicy handoff;

    AspWorker(RoleContext context) {
        this.task = context.task();
        this.channel = context.channel();
        this.timeline = context.timeline();
        this.handoff = context.handoff();
    }

    WorkerOutcome run() {
        RunKeys keys = task.keys();
        Dataset chunk = ChunkLoader.load(channel, keys, task.rank(), timeline);
        Model model = Models.create(task.job().model(), task.features(), task.classes());
        long seed = task.job().seed();
        Optimizer optimizer = Optimizers.create(task.job().training().optimizer(), model.parameterCount());
        BatchSchedule schedule = new BatchSchedule(seed, task.rank(), chunk.rows(), chunk.rows(),
                task.job().training().batchSize());
        SharedModel shared = new SharedModel(channel, keys.model());
        shared.initialise(model.initialParameters(seed));
        Checkpoints checkpoints = new Checkpoints(channel, keys);
        ProgressBoard board = new ProgressBoard(channel, keys);
        Straggler straggler = new Straggler(task);
        Checkpoint start = task.resume() ? checkpoints.latest(task.rank()).orElse(null) : null;
        if (start != null) {
            optimizer.restore(start.optimizerState());
        }
        Progress progress = Progress.resume(task.originEpochMicros(), start);
        int epochs = task.job().training().epochs();
        LearningRateSchedule rates = task.job().training().schedule(schedule.stepsPerEpoch());
        long totalSteps = (long) epochs * schedule.stepsPerEpoch();
        float[] gradient = new float[model.parameterCount()];
        LambdaMlSettings settings = task.job().settings(LambdaMlSettings.class);
        StalenessGate gate = settings.sync().startsWith(LambdaMlSettings.SSP_PREFIX)
                ? new StalenessGate(channel, keys, task.rank(), task.job().workers(), settings.staleness(),
                        Duration.ofSeconds(task.job().platform().timeoutSeconds()))
                : null;
        while (progress.epoch() < epochs) {
            if (handoff.mustHandOver()) {
                break;
            }
            long stepStart = System.nanoTime();
            if (gate != null) {
                // The wait belongs to no round: it is neither the last one's work nor this one's.
                timeline.round(-1);
                try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                    gate.awaitRound(progress.round());
                }
            }
            timeline.round(progress.round());
            float[] w;
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                w = shared.read().orElseThrow();
            }
            int[] rows = schedule.rows(progress.epoch(), progress.step());
            straggler.maybeFail(progress.round());
            try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                long computeStart = System.nanoTime();
                progress.add(model.lossAndGradient(w, chunk, rows, gradient) * rows.length, rows.length);
                straggler.afterCompute(progress.round(), System.nanoTime() - computeStart);
            }
            double scale = rates.scale(progress.globalStep(schedule.stepsPerEpoch()), totalSteps);
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                // Read-modify-write: the gradient was computed on the model read above, possibly stale by now.
                shared.update(current -> {
                    optimizer.step(current, gradient, scale);
                    return current;
                });
            }
            progress.finishStep(schedule.stepsPerEpoch());
            if (gate != null) {
                gate.finished(progress.round());
            }
            if (task.rank() == 0) {
                board.post(progress.report(epochs, schedule.stepsPerEpoch(), (System.nanoTime() - stepStart) / 1e6));
            }
            // The shared model is the run's model; a worker's own checkpoint needs no copy of it.
            checkpoints.writeOwn(task.rank(), progress.checkpoint(new float[0], optimizer.state()));
            handoff.stepTook(System.nanoTime() - stepStart);
        }
        if (progress.epoch() < epochs) {
            return WorkerOutcome.HANDED_OVER;
        }
        if (gate != null) {
            gate.done();
        }
        if (task.rank() == 0) {
            channel.put(keys.curve(), EpochRecord.toCsv(progress.curve()).getBytes(StandardCharsets.UTF_8));
        }
        return WorkerOutcome.FINISHED;
    }
}
