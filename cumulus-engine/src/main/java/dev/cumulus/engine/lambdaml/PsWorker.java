package dev.cumulus.engine.lambdaml;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.meter.WaitRecorder;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.checkpoint.Checkpoint;
import dev.cumulus.engine.checkpoint.Checkpoints;
import dev.cumulus.engine.metrics.EpochRecord;
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
import dev.cumulus.ps.ClientOptions;
import dev.cumulus.ps.ParameterServerClient;
import dev.cumulus.ps.PulledModel;
import dev.cumulus.ps.ServerAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker of LambdaML's hybrid design: the model lives on a parameter server, which applies
 * the optimiser. Under BSP the worker pulls the model of round r, computes its batch's gradient
 * and pushes it for round r (the server steps once all N arrived); under ASP it pulls the latest
 * model and pushes for its own next round. The server acknowledges a push only once it is on
 * disk and ignores a push it has already applied, so a re-invoked worker simply redoes its steps
 * since its checkpoint.
 *
 * <p>The epoch losses are each worker's own; rank 0 averages them over the workers (every worker
 * sees the same number of rows per epoch) and publishes them with the server's final model. With
 * {@code algorithm.targetLoss}, every worker posts its epoch loss to the channel at the epoch's end
 * and reads everyone's: the same mean for all, so all stop after the same epoch.
 */
final class PsWorker {
    private final RoleTask task;
    private final Channel channel;
    private final Timeline timeline;
    private final HandoffPolicy handoff;

    PsWorker(RoleContext context) {
        this.task = context.task();
        this.channel = context.channel();
        this.timeline = context.timeline();
        this.handoff = context.handoff();
    }

    WorkerOutcome run() {
        RunKeys keys = task.keys();
        Dataset chunk = ChunkLoader.load(channel, keys, task.rank(), timeline);
        Model model = Models.create(task.job().model(), task.features(), task.classes());
        boolean asp = task.job().settings(LambdaMlSettings.class).asynchronous();
        BatchSchedule schedule = new BatchSchedule(task.job().seed(), task.rank(), chunk.rows(),
                asp ? chunk.rows() : (int) task.attribute(LambdaMl.MIN_CHUNK_ROWS), task.job().training().batchSize());
        Duration wait = Duration.ofSeconds(task.job().platform().timeoutSeconds());
        ServerAddress address = ServerAddress.parse(new String(channel.await(ServerLink.addressKey(keys), wait),
                StandardCharsets.UTF_8));
        Checkpoints checkpoints = new Checkpoints(channel, keys);
        ProgressBoard board = new ProgressBoard(channel, keys);
        Straggler straggler = new Straggler(task);
        int epochs = task.job().training().epochs();
        Double target = task.job().training().targetLoss();
        Checkpoint start = task.resume() ? checkpoints.latest(task.rank()).orElse(null) : null;
        Progress progress = Progress.resume(task.originEpochMicros(), start);
        float[] gradient = new float[model.parameterCount()];
        try (ParameterServerClient server = ParameterServerClient.connect(ClientOptions.builder(address)
                .pullWaitMillis(wait.toMillis()).build())) {
            while (progress.epoch() < epochs) {
                if (handoff.mustHandOver()) {
                    checkpoints.writeOwn(task.rank(), progress.checkpoint(new float[0], new float[0]));
                    return WorkerOutcome.HANDED_OVER;
                }
                long stepStart = System.nanoTime();
                long round = progress.round();
                timeline.round(round);
                straggler.maybeFail(round);
                float[] w;
                try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                    PulledModel pulled = asp ? server.pullLatest() : server.pull(round);
                    // The server held the pull for the others' pushes: waiting, placed just before the answer came.
                    long answered = System.nanoTime();
                    WaitRecorder.blocked(answered - pulled.heldMicros() * 1_000, answered);
                    w = pulled.parameters();
                    span.addBytes(4L * w.length);
                }
                try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                    long computeStart = System.nanoTime();
                    int[] rows = schedule.rows(progress.epoch(), progress.step());
                    progress.add(model.lossAndGradient(w, chunk, rows, gradient) * rows.length, rows.length);
                    straggler.afterCompute(round, System.nanoTime() - computeStart);
                }
                try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                    server.push(task.rank(), round, gradient);
                    span.addBytes(4L * gradient.length);
                }
                boolean epochEnd = progress.step() + 1 == schedule.stepsPerEpoch();
                double epochLoss = progress.finishStep(schedule.stepsPerEpoch());
                if (epochEnd && target != null && meanEpochLoss(keys, progress.epoch(), epochLoss, wait) <= target) {
                    progress.stopAt(epochs);
                }
                if (epochEnd) {
                    checkpoints.writeOwn(task.rank(), progress.checkpoint(new float[0], new float[0]));
                }
                if (task.rank() == 0) {
                    board.post(progress.report(epochs, schedule.stepsPerEpoch(), (System.nanoTime() - stepStart) / 1e6));
                }
                handoff.stepTook(System.nanoTime() - stepStart);
            }
            channel.put(curveKey(keys, task.rank()), EpochRecord.toCsv(progress.curve()).getBytes(StandardCharsets.UTF_8));
            if (task.rank() == 0) {
                List<EpochRecord> curve = averageCurves(keys, wait);
                float[] model0;
                try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                    // Every worker's curve is there, so every push was acknowledged: this is the final model.
                    model0 = server.pullLatest().parameters();
                }
                Publisher.publish(channel, keys, timeline, model0, curve);
            }
        }
        return WorkerOutcome.FINISHED;
    }

    /**
     * The workers' mean loss for the epoch just finished ({@code epoch} is 1-based). The first value a
     * rank posts stays: a re-invoked worker that redoes the epoch cannot change a mean others read.
     */
    private double meanEpochLoss(RunKeys keys, int epoch, double ownLoss, Duration wait) {
        int workers = task.job().workers();
        try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
            channel.putIfAbsent(epochLossKey(keys, epoch, task.rank()),
                    Double.toString(ownLoss).getBytes(StandardCharsets.UTF_8));
            List<String> all = new ArrayList<>(workers);
            for (int r = 0; r < workers; r++) {
                all.add(epochLossKey(keys, epoch, r));
            }
            double sum = 0;
            for (byte[] value : channel.awaitAll(all, wait)) {
                sum += Double.parseDouble(new String(value, StandardCharsets.UTF_8));
            }
            span.addBytes(8L * workers);
            return sum / workers;
        }
    }

    private static String epochLossKey(RunKeys keys, int epoch, int rank) {
        return keys.prefix() + "ps/epoch-loss/" + epoch + "/" + rank;
    }

    private List<EpochRecord> averageCurves(RunKeys keys, Duration wait) {
        int workers = task.job().workers();
        List<List<EpochRecord>> curves = new ArrayList<>();
        try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
            for (int r = 0; r < workers; r++) {
                curves.add(EpochRecord.fromCsv(new String(channel.await(curveKey(keys, r), wait), StandardCharsets.UTF_8)));
            }
        }
        List<EpochRecord> mean = new ArrayList<>();
        for (int e = 0; e < curves.get(0).size(); e++) {
            double loss = 0;
            double elapsed = 0;
            for (List<EpochRecord> c : curves) {
                loss += c.get(e).trainLoss();
                elapsed = Math.max(elapsed, c.get(e).elapsedSeconds());
            }
            mean.add(new EpochRecord(e + 1, loss / workers, elapsed));
        }
        return mean;
    }

    private static String curveKey(RunKeys keys, int rank) {
        return keys.prefix() + "ps/curve/" + rank;
    }
}
