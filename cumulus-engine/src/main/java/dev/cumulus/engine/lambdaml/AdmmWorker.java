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
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.model.Model;
import dev.cumulus.model.ModelSpec;
import dev.cumulus.model.Models;
import dev.cumulus.optim.LearningRateSchedule;
import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.Optimizers;
import java.util.Arrays;

/**
 * One worker of consensus ADMM (as LambdaML runs it for logistic regression and SVM). The
 * objective sum_i (n_i / n) f_i(x) + (l2 / 2) ||x||^2, with f_i the mean loss on worker i's chunk,
 * is split as min sum_i g_i(x_i) + h(z) subject to x_i = z, scaled by N, so that with the scaled
 * duals u_i every iteration is:
 * <ol>
 *   <li>x_i = argmin N (n_i / n) f_i(x) + (rho / 2) ||x - z + u_i||^2, approximately, by
 *       {@code localSteps} steps of the job's optimiser from the last x_i;</li>
 *   <li>z = rho sum_i (x_i + u_i) / (N (l2 + rho)), through the channel (one sum);</li>
 *   <li>u_i = u_i + x_i - z.</li>
 * </ol>
 * One iteration is one "epoch" of the run's curve, whose loss is the objective at z before the
 * update. Each worker checkpoints its own (z, x_i, u_i) and optimiser state after every iteration.
 */
final class AdmmWorker {
    private final RoleTask task;
    private final Channel channel;
    private final Timeline timeline;
    private final HandoffPolicy handoff;

    AdmmWorker(RoleContext context) {
        this.task = context.task();
        this.channel = context.channel();
        this.timeline = context.timeline();
        this.handoff = context.handoff();
    }

    WorkerOutcome run() {
        RunKeys keys = task.keys();
        Dataset chunk = ChunkLoader.load(channel, keys, task.rank(), timeline);
        ModelSpec spec = task.job().model();
        // The L2 term belongs to h(z), not to each worker's f_i.
        Model model = Models.create(new ModelSpec(spec.type(), spec.hidden(), spec.k(), 0), task.features(),
                task.classes());
        double l2 = spec.l2();
        int p = model.parameterCount();
        int workers = task.job().workers();
        LambdaMlSettings settings = task.job().settings(LambdaMlSettings.class);
        double rho = settings.rho();
        double weight = (double) workers * chunk.rows() / task.attribute(LambdaMl.TRAIN_ROWS);
        long seed = task.job().seed();
        Optimizer optimizer = Optimizers.create(task.job().training().optimizer(), p);
        BatchSchedule schedule = new BatchSchedule(seed, task.rank(), chunk.rows(), chunk.rows(),
                task.job().training().batchSize());
        int localSteps = settings.localStepsPer(schedule.stepsPerEpoch());
        Collective consensus = Collectives.of(task, channel, "admm");
        Checkpoints checkpoints = new Checkpoints(channel, keys);
        ProgressBoard board = new ProgressBoard(channel, keys);
        Double target = task.job().training().targetLoss();
        int iterations = task.job().training().epochs();
        LearningRateSchedule rates = task.job().training().schedule(localSteps);
        long totalSteps = (long) iterations * localSteps;

        Checkpoint start = task.resume() ? checkpoints.latest(task.rank()).orElse(null) : null;
        float[] z;
        float[] x;
        float[] u;
        if (start != null) {
            float[] state = start.parameters();
            z = Arrays.copyOfRange(state, 0, p);
            x = Arrays.copyOfRange(state, p, 2 * p);
            u = Arrays.copyOfRange(state, 2 * p, 3 * p);
            optimizer.restore(start.optimizerState());
        } else {
            z = model.initialParameters(seed);
            x = z.clone();
            u = new float[p];
        }
        Progress progress = Progress.resume(task.originEpochMicros(), start);
        int[] all = java.util.stream.IntStream.range(0, chunk.rows()).toArray();
        float[] gradient = new float[p];
        float[] message = new float[p + 2];
        float[] sum = new float[p + 2];
        while (progress.epoch() < iterations) {
            if (handoff.mustHandOver()) {
                checkpoints.writeOwn(task.rank(), progress.checkpoint(concat(z, x, u), optimizer.state()));
                return WorkerOutcome.HANDED_OVER;
            }
            long stepStart = System.nanoTime();
            long k = progress.round();
            timeline.round(k);
            try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                double lossAtZ = model.loss(z, chunk);
                for (int s = 0; s < localSteps; s++) {
                    int[] rows = schedule.rows((int) (k % Integer.MAX_VALUE), s % schedule.stepsPerEpoch());
                    model.lossAndGradient(x, chunk, rows, gradient);
                    for (int i = 0; i < p; i++) {
                        gradient[i] = (float) (weight * gradient[i] + rho * (x[i] - z[i] + u[i]));
                    }
                    optimizer.step(x, gradient, rates.scale(k * localSteps + s, totalSteps));
                }
                for (int i = 0; i < p; i++) {
                    message[i] = x[i] + u[i];
                }
                message[p] = (float) (lossAtZ * all.length);
                message[p + 1] = all.length;
            }
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                consensus.sum(k, message, sum);
                span.addBytes(2L * message.length * Float.BYTES);
            }
            try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                double squaredNorm = 0;
                for (int i = 0; i < p; i++) {
                    squaredNorm += (double) z[i] * z[i];
                }
                // The objective at the z every worker held during this iteration.
                progress.add(sum[p] + 0.5 * l2 * squaredNorm * sum[p + 1], sum[p + 1]);
                double scale = rho / (workers * (l2 + rho));
                for (int i = 0; i < p; i++) {
                    z[i] = (float) (scale * sum[i]);
                    u[i] += x[i] - z[i];
                }
            }
            double objective = progress.finishStep(1);
            if (target != null && objective <= target) {
                progress.stopAt(iterations);
            }
            checkpoints.writeOwn(task.rank(), progress.checkpoint(concat(z, x, u), optimizer.state()));
            if (task.rank() == 0) {
                board.post(progress.report(iterations, 1, (System.nanoTime() - stepStart) / 1e6));
            }
            handoff.stepTook(System.nanoTime() - stepStart);
        }
        if (task.rank() == 0) {
            Publisher.publish(channel, keys, timeline, z, progress.curve());
        }
        return WorkerOutcome.FINISHED;
    }

    private static float[] concat(float[] z, float[] x, float[] u) {
        float[] out = new float[3 * z.length];
        System.arraycopy(z, 0, out, 0, z.length);
        System.arraycopy(x, 0, out, z.length, z.length);
        System.arraycopy(u, 0, out, 2 * z.length, z.length);
        return out;
    }
}
