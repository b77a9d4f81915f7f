package dev.cumulus.engine.coded;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.PollingWait;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.coding.round.Strategy;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.protocol.BatchSchedule;
import dev.cumulus.engine.protocol.ChunkLoader;
import dev.cumulus.engine.protocol.HandoffPolicy;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.protocol.Straggler;
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.model.Models;
import java.time.Duration;
import java.util.Optional;

/**
 * One worker of coded training. Each round it takes the coordinator's model, computes the
 * gradients of its chunks in its public order, reporting after each one how many it has done,
 * and stops as soon as the coordinator broadcasts "encode and transmit"; it then derives its
 * coefficients from the broadcast state vector alone and sends one encoded vector. While it waits
 * for the next model it still answers a new attempt of the round (one the coordinator makes when
 * a worker it counted on died).
 */
final class CodedWorker {
    private final RoleTask task;
    private final Channel channel;
    private final Timeline timeline;
    private final HandoffPolicy handoff;
    private final CodedKeys keys;
    private final int worker;

    CodedWorker(RoleContext context) {
        this.task = context.task();
        this.channel = context.channel();
        this.timeline = context.timeline();
        this.handoff = context.handoff();
        this.keys = new CodedKeys(task.keys());
        this.worker = task.rank();
    }

    WorkerOutcome run() {
        CodedSettings settings = task.job().settings(CodedSettings.class);
        Strategy strategy = CodedScheme.strategy(settings, task.job().workers(), task.job().seed());
        int[] order = strategy.order().orderOf(worker);
        dev.cumulus.model.Model model = Models.create(task.job().model(), task.features(), task.classes());
        Dataset[] chunks = new Dataset[order.length];
        BatchSchedule[] schedules = new BatchSchedule[order.length];
        int minRows = (int) task.attribute(CodedTraining.MIN_CHUNK_ROWS);
        for (int p = 0; p < order.length; p++) {
            chunks[p] = ChunkLoader.load(channel, task.keys(), order[p], timeline);
            // Seeded by the chunk, not the worker: every holder of a chunk computes the same batch.
            schedules[p] = new BatchSchedule(task.job().seed(), order[p], chunks[p].rows(), minRows,
                    task.job().training().batchSize());
        }
        int stepsPerEpoch = schedules[0].stepsPerEpoch();
        Straggler straggler = new Straggler(task);
        Duration timeout = Duration.ofSeconds(task.job().platform().timeoutSeconds());
        float[] gradient = new float[model.parameterCount()];
        float[][] messages = new float[order.length][ChunkGradients.length(model)];
        long round = task.resume() ? channel.get(keys.current()).map(Broadcast::count).orElse(0L) : 0;
        long answeredRound = -1;
        int answeredAttempt = -1;
        while (true) {
            float[] w;
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                Optional<Model> next = awaitModel(round, timeout, answeredRound, answeredAttempt, strategy, messages);
                if (next.isEmpty()) {
                    return WorkerOutcome.FINISHED;
                }
                // A straggler the coordinator did not wait for joins the round it is at.
                round = next.get().round();
                w = FloatCodec.decode(next.get().bytes());
                span.addBytes(4L * w.length);
            }
            if (handoff.mustHandOver()) {
                // The successor joins the current round; the coordinator counts this one's work as lost.
                return WorkerOutcome.HANDED_OVER;
            }
            long stepStart = System.nanoTime();
            timeline.round(round);
            straggler.maybeFail(round);
            int epoch = (int) (round / stepsPerEpoch);
            int step = (int) (round % stepsPerEpoch);
            Optional<byte[]> broadcast = Optional.empty();
            for (int p = 0; p < order.length; p++) {
                broadcast = channel.get(keys.encode(round));
                if (broadcast.isPresent()) {
                    break;
                }
                try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                    long computeStart = System.nanoTime();
                    ChunkGradients.compute(model, w, chunks[p], schedules[p].rows(epoch, step), gradient, messages[p]);
                    straggler.afterCompute(round * order.length + p, System.nanoTime() - computeStart);
                }
                channel.put(keys.progress(round, worker), Broadcast.count(p + 1));
            }
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                if (broadcast.isEmpty()) {
                    broadcast = awaitBroadcast(round, timeout);
                }
                if (broadcast.isPresent()) {
                    Broadcast b = Broadcast.decode(broadcast.get());
                    answer(round, b, strategy, messages, span);
                    answeredRound = round;
                    answeredAttempt = b.attempt();
                }
            }
            handoff.stepTook(System.nanoTime() - stepStart);
            round++;
        }
    }

    /**
     * The broadcast of {@code round}, or empty when the coordinator decided the round and moved on
     * without this worker (its vector is no longer wanted).
     */
    private Optional<byte[]> awaitBroadcast(long round, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PollingWait.Backoff backoff = new PollingWait(Duration.ofMillis(10)).backoff();
        while (true) {
            Optional<byte[]> broadcast = channel.get(keys.encode(round));
            if (broadcast.isPresent()) {
                return broadcast;
            }
            if (channel.get(keys.current()).map(Broadcast::count).orElse(0L) > round
                    || channel.get(keys.finished()).isPresent()) {
                return Optional.empty();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("worker " + worker + " waited " + timeout.toSeconds()
                        + " s for the broadcast of round " + round);
            }
            backoff.sleep(left, "interrupted while waiting for the broadcast of round " + round);
        }
    }

    /** A round's model, as published. */
    private record Model(long round, byte[] bytes) {
    }

    /**
     * The model of {@code round} (or of the coordinator's current round, when this worker fell
     * behind it), or empty once training has finished; meanwhile answers any newer attempt of the
     * last round.
     */
    private Optional<Model> awaitModel(long round, Duration timeout, long lastRound, int lastAttempt, Strategy strategy,
            float[][] messages) {
        long deadline = System.nanoTime() + timeout.toNanos();
        PollingWait.Backoff backoff = new PollingWait(Duration.ofMillis(10)).backoff();
        int attempt = lastAttempt;
        while (true) {
            Optional<byte[]> model = channel.get(keys.model(round));
            if (model.isPresent()) {
                return Optional.of(new Model(round, model.get()));
            }
            long current = channel.get(keys.current()).map(Broadcast::count).orElse(0L);
            if (current > round) {
                round = current;
                continue;
            }
            Optional<byte[]> finished = channel.get(keys.finished());
            if (finished.isPresent() && round >= Broadcast.count(finished.get())) {
                return Optional.empty();
            }
            if (lastRound >= 0) {
                Optional<byte[]> again = channel.get(keys.encode(lastRound));
                if (again.isPresent()) {
                    Broadcast b = Broadcast.decode(again.get());
                    if (b.attempt() > attempt) {
                        answer(lastRound, b, strategy, messages, null);
                        attempt = b.attempt();
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("worker " + worker + " waited " + timeout.toSeconds()
                        + " s for the model of round " + round);
            }
            backoff.sleep(left, "interrupted while waiting for the model of round " + round);
        }
    }

    private void answer(long round, Broadcast b, Strategy strategy, float[][] messages, Timeline.Span span) {
        if (b.state().finished(worker) == 0 || strategy.coefficients(b.state(), worker).length == 0) {
            return;
        }
        float[] encoded = strategy.encode(b.state(), worker, messages);
        byte[] bytes = FloatCodec.encode(encoded);
        channel.put(keys.encoded(round, b.attempt(), worker), bytes);
        if (span != null) {
            span.addBytes(bytes.length);
        }
    }
}
