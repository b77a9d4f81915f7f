package dev.cumulus.engine.lambdaml;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.channel.collective.AllReduce;
import dev.cumulus.channel.collective.Collective;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.EpochRecord;
import dev.cumulus.engine.JobSpecs;
import dev.cumulus.engine.RunKeys;
import dev.cumulus.engine.WorkerTask;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.model.Model;
import dev.cumulus.optim.Optimizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One gradient-averaging SGD worker (LambdaML's GA-SGD under BSP).
 *
 * <p>Each step the worker computes the gradient of its batch, and the workers sum
 * (gradient x rows, loss x rows, rows) through the channel. Dividing by the summed row count
 * gives exactly the mean gradient over the union of all batches, even when batches differ in
 * size, so N workers with batch b follow single-machine SGD with batch N·b.
 */
public final class GaSgdWorker {
    private final WorkerTask task;
    private final Channel channel;
    private final Timeline timeline;

    public GaSgdWorker(WorkerTask task, Channel channel, Timeline timeline) {
        this.task = task;
        this.channel = channel;
        this.timeline = timeline;
    }

    /** Trains until the last epoch (or the target loss) and publishes the model from rank 0. */
    public void run() {
        RunKeys keys = task.keys();
        Dataset chunk = ChunkLoader.load(channel, keys, task.rank(), timeline);
        Model model = JobSpecs.model(task.job(), task.features(), task.classes());
        int p = model.parameterCount();
        float[] w = model.initialParameters(task.job().longValue("seed"));
        Optimizer optimizer = JobSpecs.optimizer(task.job(), p);
        BatchSchedule schedule = new BatchSchedule(task.job().longValue("seed"), task.rank(), chunk.rows(),
                task.minChunkRows(), task.job().integer("algorithm.batchSize"));
        Collective allReduce = new AllReduce(channel, keys.collective("grad"), task.rank(), task.workers(),
                Duration.ofSeconds(task.job().integer("platform.timeoutSeconds")));
        Double target = task.job().optionalDecimal("algorithm.targetLoss").orElse(null);

        float[] gradient = new float[p];
        float[] message = new float[p + 2];
        List<EpochRecord> curve = new ArrayList<>();
        long round = 0;
        for (int epoch = 0; epoch < task.job().integer("algorithm.epochs"); epoch++) {
            double lossSum = 0;
            double rowSum = 0;
            for (int step = 0; step < schedule.stepsPerEpoch(); step++) {
                float[] sum;
                try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                    int[] rows = schedule.rows(epoch, step);
                    double loss = model.lossAndGradient(w, chunk, rows, gradient);
                    float n = rows.length;
                    for (int i = 0; i < p; i++) {
                        message[i] = gradient[i] * n;
                    }
                    message[p] = (float) (loss * n);
                    message[p + 1] = n;
                }
                try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                    sum = allReduce.sum(round++, message);
                    span.addBytes(2L * message.length * Float.BYTES);
                }
                try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                    float total = sum[p + 1];
                    for (int i = 0; i < p; i++) {
                        gradient[i] = sum[i] / total;
                    }
                    optimizer.step(w, gradient);
                    lossSum += sum[p];
                    rowSum += total;
                }
            }
            double epochLoss = lossSum / rowSum;
            curve.add(new EpochRecord(epoch + 1, epochLoss,
                    (Timeline.nowEpochMicros() - task.originEpochMicros()) / 1e6));
            // Every worker sees the same sums, so all stop at the same epoch without a vote.
            if (target != null && epochLoss <= target) {
                break;
            }
        }
        if (task.rank() == 0) {
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                byte[] bytes = FloatCodec.encode(w);
                channel.put(keys.model(), bytes);
                channel.put(keys.curve(), EpochRecord.toCsv(curve).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                span.addBytes(bytes.length);
            }
        }
    }
}
