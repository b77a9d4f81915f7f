package dev.cumulus.engine.lambdaml;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.collective.Collective;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.checkpoint.Checkpoint;
import dev.cumulus.engine.checkpoint.Checkpoints;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.protocol.BatchSchedule;
import dev.cumulus.engine.protocol.ChunkLoader;
import dev.cumulus.engine.protocol.HandoffPolicy;
import dev.cumulus.engine.protocol.ProgressBoard;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.Straggler;
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import dev.cumulus.optim.LearningRateSchedule;
import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.Optimizers;

/**
 * One model-averaging SGD worker (LambdaML's MA-SGD): it takes {@code localSteps} optimiser steps
 * on its own chunk, then the workers average their models through the channel (and sum the losses
 * of their local batches), and everyone continues from the average. Fewer, larger exchanges than
 * GA-SGD, at the price of models that drift apart between them.
 *
 * <p>Each worker keeps its own optimiser state, so each checkpoints itself after every exchange;
 * hand-overs happen only at exchanges, where the checkpoint is exactly the state to resume.
 */
final class MaSgdWorker {
    private final RoleTask task;
    private final Channel channel;
    private final Timeline timeline;
    private final HandoffPolicy handoff;

    MaSgdWorker(RoleContext context) {
        this.task = context.task();
        this.channel = context.channel();
        this.timeline = context.timeline();
        this.handoff = context.handoff();
    }

    WorkerOutcome run() {
        RunKeys keys = task.keys();
        Dataset chunk = ChunkLoader.load(channel, keys, task.rank(), timeline);
        Model model = Models.create(task.job().model(), task.features(), task.classes());
        int p = model.parameterCount();
        long seed = task.job().seed();
        int workers = task.job().workers();
        Optimizer optimizer = Optimizers.create(task.job().training().optimizer(), p);
        BatchSchedule schedule = new BatchSchedule(seed, task.rank(), chunk.rows(),
                (int) task.attribute(LambdaMl.MIN_CHUNK_ROWS), task.job().training().batchSize());
        int stepsPerEpoch = schedule.stepsPerEpoch();
        int localSteps = task.job().settings(LambdaMlSettings.class).localStepsPer(stepsPerEpoch);
        int exchangesPerEpoch = (stepsPerEpoch + localSteps - 1) / localSteps;
        Collective average = Collectives.of(task, channel, "model");
        Checkpoints checkpoints = new Checkpoints(channel, keys);
        ProgressBoard board = new ProgressBoard(channel, keys);
        Straggler straggler = new Straggler(task);
        Double target = task.job().training().targetLoss();
        int epochs = task.job().training().epochs();
        LearningRateSchedule rates = task.job().training().schedule(stepsPerEpoch);
        long totalSteps = (long) epochs * stepsPerEpoch;

        Checkpoint start = task.resume() ? checkpoints.latest(task.rank()).orElse(null) : null;
        float[] w = start != null ? start.parameters() : model.initialParameters(seed);
        if (start != null) {
            optimizer.restore(start.optimizerState());
        }
        Progress progress = Progress.resume(task.originEpochMicros(), start);
        float[] gradient = new float[p];
        float[] message = new float[p + 2];
        float[] sum = new float[p + 2];
        double periodLoss = 0;
        double periodRows = 0;
        while (progress.epoch() < epochs) {
            boolean atExchange = progress.step() % localSteps == 0;
            if (atExchange && handoff.mustHandOver()) {
                checkpoints.writeOwn(task.rank(), progress.checkpoint(w, optimizer.state()));
                return WorkerOutcome.HANDED_OVER;
            }
            long stepStart = System.nanoTime();
            timeline.round(progress.round());
            int step = progress.step();
            straggler.maybeFail(progress.round());
            try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                long computeStart = System.nanoTime();
                int[] rows = schedule.rows(progress.epoch(), step);
                periodLoss += model.lossAndGradient(w, chunk, rows, gradient) * rows.length;
                periodRows += rows.length;
                optimizer.step(w, gradient, rates.scale(progress.globalStep(stepsPerEpoch), totalSteps));
                straggler.afterCompute(progress.round(), System.nanoTime() - computeStart);
            }
            boolean exchange = (step + 1) % localSteps == 0 || step + 1 == stepsPerEpoch;
            if (exchange) {
                long round = (long) progress.epoch() * exchangesPerEpoch + step / localSteps;
                System.arraycopy(w, 0, message, 0, p);
                message[p] = (float) periodLoss;
                message[p + 1] = (float) periodRows;
                try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                    average.sum(round, message, sum);
                    span.addBytes(2L * message.length * Float.BYTES);
                }
                for (int i = 0; i < p; i++) {
                    w[i] = sum[i] / workers;
                }
                progress.add(sum[p], sum[p + 1]);
                periodLoss = 0;
                periodRows = 0;
            }
            double epochLoss = progress.finishStep(stepsPerEpoch);
            // Every worker sees the same sums, so all stop at the same epoch without a vote.
            if (target != null && epochLoss <= target) {
                progress.stopAt(epochs);
            }
            if (exchange) {
                checkpoints.writeOwn(task.rank(), progress.checkpoint(w, optimizer.state()));
                if (task.rank() == 0) {
                    board.post(progress.report(epochs, stepsPerEpoch, (System.nanoTime() - stepStart) / 1e6));
                }
            }
            handoff.stepTook(System.nanoTime() - stepStart);
        }
        if (task.rank() == 0) {
            Publisher.publish(channel, keys, timeline, w, progress.curve());
        }
        return WorkerOutcome.FINISHED;
    }
}
