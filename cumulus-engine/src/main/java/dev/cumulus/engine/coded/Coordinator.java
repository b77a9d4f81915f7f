package dev.cumulus.engine.coded;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.PollingWait;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.coding.StateVector;
import dev.cumulus.coding.round.CodedRound;
import dev.cumulus.coding.round.RoundConfig;
import dev.cumulus.coding.round.Strategy;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.protocol.BatchSchedule;
import dev.cumulus.engine.protocol.ChunkLoader;
import dev.cumulus.engine.protocol.ProgressBoard;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RoleSpec;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.protocol.RunProgress;
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import dev.cumulus.optim.LearningRateSchedule;
import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.Optimizers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The coordinator of coded training. Each round it publishes the model, feeds the workers' progress
 * reports (and failures, seen as a heartbeat gone) into the same {@link CodedRound} that
 * {@code cumulus simulate gc} drives, broadcasts "encode and transmit" with the state vector once
 * the round triggers, decodes the gradient from the encoded vectors, and takes the optimiser step.
 * Vectors of an older round or attempt live under other keys and are never mixed in.
 *
 * <p>If a worker the broadcast counted on dies before sending its vector, the round is decided
 * again without it (a second attempt, approximate if the rest cannot recover the gradient exactly).
 */
final class Coordinator {
    private static final long HEARTBEAT_CHECK_NANOS = 200_000_000L;
    private final RoleTask task;
    private final Channel channel;
    private final Timeline timeline;
    private final CodedKeys keys;
    private final int workers;

    Coordinator(RoleContext context) {
        this.task = context.task();
        this.channel = context.channel();
        this.timeline = context.timeline();
        this.keys = new CodedKeys(task.keys());
        this.workers = task.job().workers();
    }

    WorkerOutcome run() {
        CodedSettings settings = task.job().settings(CodedSettings.class);
        RoundConfig config = CodedScheme.config(settings, workers, task.job().seed());
        Strategy strategy = config.strategy();
        Model model = Models.create(task.job().model(), task.features(), task.classes());
        int p = model.parameterCount();
        int length = ChunkGradients.length(model);
        Optimizer optimizer = Optimizers.create(task.job().training().optimizer(), p);
        int minRows = (int) task.attribute(CodedTraining.MIN_CHUNK_ROWS);
        int batchSize = task.job().training().batchSize();
        // The same count every worker's BatchSchedule gives.
        int stepsPerEpoch = new BatchSchedule(0, 0, minRows, minRows, batchSize).stepsPerEpoch();
        Verifier verifier = settings.verify()
                ? new Verifier(model, strategy.assignment().chunks(), minRows, batchSize) : null;
        int epochs = task.job().training().epochs();
        long rounds = (long) epochs * stepsPerEpoch;
        LearningRateSchedule rates = task.job().training().schedule(stepsPerEpoch);
        Double target = task.job().training().targetLoss();
        Duration timeout = Duration.ofSeconds(task.job().platform().timeoutSeconds());
        ProgressBoard board = new ProgressBoard(channel, task.keys());

        float[] w = model.initialParameters(task.job().seed());
        List<EpochRecord> curve = new ArrayList<>();
        List<Map<String, Object>> report = new ArrayList<>();
        boolean[] alive = new boolean[workers];
        double lossSum = 0;
        double rowSum = 0;
        long round = 0;
        for (; round < rounds; round++) {
            long roundStart = System.nanoTime();
            timeline.round(round);
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                channel.put(keys.model(round), FloatCodec.encode(w));
                channel.put(keys.current(), Broadcast.count(round));
                forget(round - 2);
            }
            Decision decision;
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                decision = decide(round, config, strategy, length, alive, roundStart, timeout);
            }
            float[] sum = decision.decoded();
            try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                float rows = sum[p + 1];
                float[] gradient = new float[p];
                for (int i = 0; i < p; i++) {
                    gradient[i] = sum[i] / rows;
                }
                int epoch = (int) (round / stepsPerEpoch);
                if (verifier != null) {
                    decision.row().put("decodeRelativeError", verifier.relativeError(w, sum, epoch,
                            (int) (round % stepsPerEpoch), task.job().seed(), channel, task.keys(), timeline));
                }
                optimizer.step(w, gradient, rates.scale(round, rounds));
                lossSum += sum[p];
                rowSum += rows;
            }
            report.add(decision.row());
            board.post(new RunProgress((int) (round / stepsPerEpoch), epochs, (int) (round % stepsPerEpoch),
                    stepsPerEpoch, lossSum / rowSum, (System.nanoTime() - roundStart) / 1e6));
            if ((round + 1) % stepsPerEpoch == 0) {
                double epochLoss = lossSum / rowSum;
                curve.add(new EpochRecord(curve.size() + 1, epochLoss,
                        (Timeline.nowEpochMicros() - task.originEpochMicros()) / 1e6));
                lossSum = 0;
                rowSum = 0;
                if (target != null && epochLoss <= target) {
                    round++;
                    break;
                }
            }
        }
        channel.put(keys.finished(), Broadcast.count(round));
        publish(w, curve, report);
        return WorkerOutcome.FINISHED;
    }

    /** One round's outcome: the decoded sum and what the report says of it. */
    private record Decision(float[] decoded, Map<String, Object> row) {
    }

    private Decision decide(long round, RoundConfig config, Strategy strategy, int length, boolean[] alive,
            long roundStart, Duration timeout) {
        int[] reported = new int[workers];
        boolean[] failed = new boolean[workers];
        List<Integer> failures = new ArrayList<>();
        int attempt = 0;
        CodedRound decision = new CodedRound(config);
        long deadline = System.nanoTime() + timeout.toNanos();
        PollingWait.Backoff backoff = new PollingWait(Duration.ofMillis(5)).backoff();
        long lastHeartbeatCheck = 0;
        while (true) {
            double elapsedMillis = (System.nanoTime() - roundStart) / 1e6;
            if (!decision.triggered()) {
                readProgress(round, reported, failed, decision, elapsedMillis);
                if (!config.isExact() && elapsedMillis >= config.deadline()) {
                    decision.deadlineReached(elapsedMillis);
                }
            }
            if (System.nanoTime() - lastHeartbeatCheck > HEARTBEAT_CHECK_NANOS) {
                lastHeartbeatCheck = System.nanoTime();
                for (int j : deadWorkers(alive, failed)) {
                    failed[j] = true;
                    failures.add(j);
                    if (decision.triggered() && decision.state().finished(j) > 0) {
                        // The broadcast counted on j's vector, which will not come: decide again without it.
                        attempt++;
                        decision = redecide(config, reported, failed, elapsedMillis);
                    } else if (!decision.triggered()) {
                        decision.workerFailed(j, elapsedMillis);
                    }
                }
            }
            if (decision.triggered()) {
                channel.put(keys.encode(round), new Broadcast(attempt, decision.state()).encode());
                float[][] encoded = collect(round, attempt, decision, failed);
                if (encoded != null) {
                    float[] sum = strategy.decode(decision.state(), encoded, length);
                    return new Decision(sum, row(round, attempt, decision, failures));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("round " + round + " did not complete within " + timeout.toSeconds()
                        + " s; progress " + java.util.Arrays.toString(reported));
            }
            backoff.sleep(left, "interrupted while deciding round " + round);
        }
    }

    /** A new decision for the round from the progress seen, without the failed workers, triggered now. */
    private CodedRound redecide(RoundConfig config, int[] reported, boolean[] failed, double elapsedMillis) {
        CodedRound again = new CodedRound(RoundConfig.approximate(config.strategy(), Math.max(elapsedMillis, 1e-3)));
        for (int j = 0; j < workers; j++) {
            if (failed[j]) {
                again.workerFailed(j, elapsedMillis);
            } else if (reported[j] > 0) {
                again.chunkFinished(j, reported[j], elapsedMillis);
            }
        }
        again.deadlineReached(Math.max(elapsedMillis, 1e-3));
        return again;
    }

    private void readProgress(long round, int[] reported, boolean[] failed, CodedRound decision, double elapsedMillis) {
        List<String> progressKeys = new ArrayList<>(workers);
        for (int j = 0; j < workers; j++) {
            progressKeys.add(keys.progress(round, j));
        }
        List<byte[]> values = channel.getAllAsync(progressKeys).join();
        for (int j = 0; j < workers; j++) {
            byte[] v = values.get(j);
            if (v != null && !failed[j]) {
                int count = (int) Broadcast.count(v);
                if (count > reported[j]) {
                    reported[j] = count;
                    decision.chunkFinished(j, count, elapsedMillis);
                }
            }
        }
    }

    /** Workers seen alive earlier in the run whose heartbeat is gone now. */
    private List<Integer> deadWorkers(boolean[] alive, boolean[] failed) {
        List<Integer> dead = new ArrayList<>();
        List<String> beats = new ArrayList<>(workers);
        for (int j = 0; j < workers; j++) {
            beats.add(task.keys().heartbeat(new RoleSpec(CodedTraining.WORKER, j)));
        }
        List<byte[]> values = channel.getAllAsync(beats).join();
        for (int j = 0; j < workers; j++) {
            if (values.get(j) != null) {
                alive[j] = true;
            } else if (alive[j] && !failed[j]) {
                dead.add(j);
            }
        }
        return dead;
    }

    /** Every vector the decision needs, or null while some are still missing. */
    private float[][] collect(long round, int attempt, CodedRound decision, boolean[] failed) {
        double[][] decoding = decision.decoding();
        float[][] encoded = new float[workers][];
        List<String> needed = new ArrayList<>();
        List<Integer> who = new ArrayList<>();
        for (int j = 0; j < workers; j++) {
            if (!failed[j] && decision.state().finished(j) > 0 && usesWorker(decoding, j)) {
                needed.add(keys.encoded(round, attempt, j));
                who.add(j);
            }
        }
        List<byte[]> values = channel.getAllAsync(needed).join();
        for (int i = 0; i < who.size(); i++) {
            if (values.get(i) == null) {
                return null;
            }
            encoded[who.get(i)] = FloatCodec.decode(values.get(i));
        }
        return encoded;
    }

    private static boolean usesWorker(double[][] decoding, int worker) {
        for (double[] row : decoding) {
            if (row[worker] != 0) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> row(long round, int attempt, CodedRound decision, List<Integer> failures) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("round", round);
        row.put("triggeredMillis", decision.triggeredAt());
        row.put("state", decision.state().toArray());
        row.put("attempts", attempt + 1);
        row.put("failed", failures);
        row.put("approximationError", decision.normalisedError());
        return row;
    }

    /** Deletes the keys of a round no worker reads any more. */
    private void forget(long round) {
        if (round < 0) {
            return;
        }
        List<String> old = new ArrayList<>(List.of(keys.model(round), keys.encode(round)));
        for (int j = 0; j < workers; j++) {
            old.add(keys.progress(round, j));
        }
        old.addAll(channel.list(keys.encoded(round, 0, 0).replaceAll("/0/0$", "/")));
        channel.deleteAll(old);
    }

    private void publish(float[] w, List<EpochRecord> curve, List<Map<String, Object>> report) {
        try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
            channel.put(task.keys().model(), FloatCodec.encode(w));
            channel.put(task.keys().curve(), EpochRecord.toCsv(curve).getBytes(StandardCharsets.UTF_8));
            channel.put(CodedTraining.reportKey(task.keys()), CodedTraining.JSON.writeValueAsBytes(report));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The test of exactness: the gradient computed directly over every chunk's batch, against the
     * decoded one. It reads every chunk, so it is for tests and diagnosis only.
     */
    private static final class Verifier {
        private final Model model;
        private final int chunks;
        private final int minRows;
        private final int batchSize;
        private Dataset[] data;
        private BatchSchedule[] schedules;

        Verifier(Model model, int chunks, int minRows, int batchSize) {
            this.model = model;
            this.chunks = chunks;
            this.minRows = minRows;
            this.batchSize = batchSize;
        }

        double relativeError(float[] w, float[] decoded, int epoch, int step, long seed, Channel channel,
                dev.cumulus.engine.protocol.RunKeys runKeys, Timeline timeline) {
            if (data == null) {
                data = new Dataset[chunks];
                schedules = new BatchSchedule[chunks];
                for (int c = 0; c < chunks; c++) {
                    data[c] = ChunkLoader.load(channel, runKeys, c, timeline);
                    schedules[c] = new BatchSchedule(seed, c, data[c].rows(), minRows, batchSize);
                }
            }
            int p = model.parameterCount();
            double[] direct = new double[p + 2];
            float[] gradient = new float[p];
            float[] message = new float[p + 2];
            for (int c = 0; c < chunks; c++) {
                ChunkGradients.compute(model, w, data[c], schedules[c].rows(epoch, step), gradient, message);
                for (int i = 0; i < message.length; i++) {
                    direct[i] += message[i];
                }
            }
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < p; i++) {
                diff += (decoded[i] - direct[i]) * (decoded[i] - direct[i]);
                norm += direct[i] * direct[i];
            }
            return Math.sqrt(diff / Math.max(norm, Double.MIN_NORMAL));
        }
    }
}
