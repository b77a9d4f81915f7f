package dev.cumulus.engine.lambdaml;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.collective.Collective;
import dev.cumulus.data.Dataset;
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
import dev.cumulus.engine.checkpoint.BackgroundCheckpoints;
import dev.cumulus.engine.checkpoint.Checkpoints;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import dev.cumulus.optim.LearningRateSchedule;
import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.Optimizers;

/**
 * One gradient-averaging SGD worker (LambdaML's GA-SGD under BSP).
 *
 * <p>Each step the worker computes the gradient of its batch, and the workers sum
 * (gradient x rows, loss x rows, rows) through the channel. Dividing by the summed row count
 * gives exactly the mean gradient over the union of all batches, even when batches differ in
 * size, so N workers with batch b follow single-machine SGD with batch N·b.
 *
 * <p>All workers hold the same model after every round, so rank 0 checkpoints it after every
 * round, in the background while it computes the next one ({@link BackgroundCheckpoints}: the
 * write is done before the next exchange, so recovery is as exact as with a write in line): a worker that dies is re-invoked from that checkpoint, recomputes the round it missed
 * and rejoins while the others wait; one near its time limit checkpoints and hands over.
 */
final class GaSgdWorker {
    private final RoleTask task;
    private final Channel channel;
    private final Timeline timeline;
    private final HandoffPolicy handoff;

    GaSgdWorker(RoleContext context) {
        this.task = context.task();
        this.channel = context.channel();
        this.timeline = context.timeline();
        this.handoff = context.handoff();
    }

    /** Trains until the last epoch, the target loss, or the hand-over point. */
    WorkerOutcome run() {
        RunKeys keys = task.keys();
        Dataset chunk = ChunkLoader.load(channel, keys, task.rank(), timeline);
        Model model = Models.create(task.job().model(), task.features(), task.classes());
        int p = model.parameterCount();
        long seed = task.job().seed();
        Optimizer optimizer = Optimizers.create(task.job().training().optimizer(), p);
        BatchSchedule schedule = new BatchSchedule(seed, task.rank(), chunk.rows(), (int) task.attribute(LambdaMl.MIN_CHUNK_ROWS),
                task.job().training().batchSize());
        Collective allReduce = Collectives.of(task, channel, "grad");
        Checkpoints checkpoints = new Checkpoints(channel, keys);
        ProgressBoard board = new ProgressBoard(channel, keys);
        Straggler straggler = new Straggler(task);
        Double target = task.job().training().targetLoss();
        int epochs = task.job().training().epochs();
        LearningRateSchedule rates = task.job().training().schedule(schedule.stepsPerEpoch());
        long totalSteps = (long) epochs * schedule.stepsPerEpoch();

        Checkpoint start = task.resume() ? checkpoints.latest(task.rank()).orElse(null) : null;
        float[] w = start != null ? start.parameters() : model.initialParameters(seed);
        if (start != null) {
            optimizer.restore(start.optimizerState());
        }
        Progress progress = Progress.resume(task.originEpochMicros(), start);

        float[] gradient = new float[p];
        float[] message = new float[p + 2];
        // The group's sum lands in one buffer for the whole run, not a new model-sized array each step.
        float[] sum = new float[p + 2];
        try (BackgroundCheckpoints background = new BackgroundCheckpoints(checkpoints)) {
            while (progress.epoch() < epochs) {
                if (handoff.mustHandOver()) {
                    background.finish();
                    checkpoints.writeOwn(task.rank(), progress.checkpoint(w, optimizer.state()));
                    return WorkerOutcome.HANDED_OVER;
                }
                long stepStart = System.nanoTime();
                timeline.round(progress.round());
                straggler.maybeFail(progress.round());
                try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                    long computeStart = System.nanoTime();
                    int[] rows = schedule.rows(progress.epoch(), progress.step());
                    double loss = model.lossAndGradient(w, chunk, rows, gradient);
                    float n = rows.length;
                    for (int i = 0; i < p; i++) {
                        message[i] = gradient[i] * n;
                    }
                    message[p] = (float) (loss * n);
                    message[p + 1] = n;
                    straggler.afterCompute(progress.round(), System.nanoTime() - computeStart);
                }
                try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                    // The last round's checkpoint is durable before this round can complete, as if written in line.
                    background.finish();
                    allReduce.sum(progress.round(), message, sum);
                    span.addBytes(2L * message.length * Float.BYTES);
                }
                try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                    float total = sum[p + 1];
                    for (int i = 0; i < p; i++) {
                        gradient[i] = sum[i] / total;
                    }
                    optimizer.step(w, gradient, rates.scale(progress.globalStep(schedule.stepsPerEpoch()), totalSteps));
                    progress.add(sum[p], total);
                }
                double epochLoss = progress.finishStep(schedule.stepsPerEpoch());
                if (task.rank() == 0) {
                    board.post(progress.report(epochs, schedule.stepsPerEpoch(), (System.nanoTime() - stepStart) / 1e6));
                }
                // Every worker sees the same sums, so all stop at the same epoch without a vote.
                if (target != null && epochLoss <= target) {
                    progress.stopAt(epochs);
                }
                if (task.rank() == 0) {
                    background.writeShared(progress.checkpoint(w.clone(), optimizer.state()));
                }
                handoff.stepTook(System.nanoTime() - stepStart);
            }
            background.finish();
            if (task.rank() == 0) {
                Publisher.publish(channel, keys, timeline, w, progress.curve());
            }
            return WorkerOutcome.FINISHED;
        }
    }
}
