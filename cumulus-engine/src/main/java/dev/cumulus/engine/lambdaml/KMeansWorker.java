package dev.cumulus.engine.lambdaml;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.channel.collective.Collective;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.protocol.BatchSchedule;
import dev.cumulus.engine.protocol.ChunkLoader;
import dev.cumulus.engine.protocol.HandoffPolicy;
import dev.cumulus.engine.protocol.ProgressBoard;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.checkpoint.Checkpoint;
import dev.cumulus.engine.checkpoint.Checkpoints;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.model.kmeans.KMeans;
import java.time.Duration;
import java.util.Arrays;

/**
 * One distributed k-means worker: every iteration it computes per-cluster sums and counts over
 * its chunk, the workers sum them through the channel, and each derives the same new centroids.
 * Checkpoints and hand-overs work as in {@link GaSgdWorker}, one round per iteration.
 */
final class KMeansWorker {
    private static final float[] NO_STATE = new float[0];
    private final RoleTask task;
    private final Channel channel;
    private final Timeline timeline;
    private final HandoffPolicy handoff;

    KMeansWorker(RoleContext context) {
        this.task = context.task();
        this.channel = context.channel();
        this.timeline = context.timeline();
        this.handoff = context.handoff();
    }

    WorkerOutcome run() {
        RunKeys keys = task.keys();
        Dataset chunk = ChunkLoader.load(channel, keys, task.rank(), timeline);
        Duration timeout = Duration.ofSeconds(task.job().platform().timeoutSeconds());
        Checkpoints checkpoints = new Checkpoints(channel, keys);
        ProgressBoard board = new ProgressBoard(channel, keys);
        Checkpoint start = task.resume() ? checkpoints.latest(task.rank()).orElse(null) : null;
        float[] centroids;
        if (start != null) {
            centroids = start.parameters();
        } else {
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                centroids = FloatCodec.decode(channel.await(keys.initialModel(), timeout));
            }
        }
        // One collective round per iteration: an "epoch" of one step.
        Progress progress = Progress.resume(task.originEpochMicros(), start);
        KMeans kmeans = new KMeans();
        Collective allReduce = Collectives.of(task, channel, "stats");
        Double target = task.job().training().targetLoss();
        int iterations = task.job().training().epochs();
        while (progress.epoch() < iterations) {
            if (handoff.mustHandOver()) {
                checkpoints.writeOwn(task.rank(), progress.checkpoint(centroids, NO_STATE));
                return WorkerOutcome.HANDED_OVER;
            }
            long stepStart = System.nanoTime();
            timeline.round(progress.round());
            float[] message;
            try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                float[] stats = kmeans.statistics(centroids, chunk);
                message = Arrays.copyOf(stats, stats.length + 1);
                message[stats.length] = (float) kmeans.inertia(centroids, chunk);
            }
            float[] sum;
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                sum = allReduce.sum(progress.round(), message);
                span.addBytes(2L * message.length * Float.BYTES);
            }
            try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                int statsLength = message.length - 1;
                progress.add(sum[statsLength], totalRows(sum, centroids.length, statsLength));
                centroids = kmeans.centroidsFrom(Arrays.copyOf(sum, statsLength), centroids);
            }
            double meanInertia = progress.finishStep(1);
            if (task.rank() == 0) {
                board.post(progress.report(iterations, 1, (System.nanoTime() - stepStart) / 1e6));
            }
            if (target != null && meanInertia <= target) {
                progress.stopAt(iterations);
            }
            if (task.rank() == 0) {
                checkpoints.writeShared(progress.checkpoint(centroids, NO_STATE));
            }
            handoff.stepTook(System.nanoTime() - stepStart);
        }
        if (task.rank() == 0) {
            Publisher.publish(channel, keys, timeline, centroids, progress.curve());
        }
        return WorkerOutcome.FINISHED;
    }

    /** Total row count: the last entry of each cluster's (d + 1) block of statistics. */
    private static double totalRows(float[] sum, int centroidLength, int statsLength) {
        int k = statsLength - centroidLength;
        int block = statsLength / k;
        double rows = 0;
        for (int c = 0; c < k; c++) {
            rows += sum[c * block + block - 1];
        }
        return rows;
    }
}
