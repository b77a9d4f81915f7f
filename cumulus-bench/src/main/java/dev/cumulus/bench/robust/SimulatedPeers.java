package dev.cumulus.bench.robust;

import dev.cumulus.data.Dataset;
import dev.cumulus.engine.job.JobSpec;
import dev.cumulus.engine.p2p.GradientAttack;
import dev.cumulus.engine.p2p.GradientCombiner;
import dev.cumulus.engine.p2p.P2pSettings;
import dev.cumulus.engine.p2p.PeerBatches;
import dev.cumulus.engine.p2p.RobustSettings;
import dev.cumulus.engine.protocol.TrainingData;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import dev.cumulus.optim.LearningRateSchedule;
import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code protocol: p2p} job's training simulated in one thread, without stores: the peers' shards
 * ({@code p2p.split}), batches, gradients and messages, the Byzantine peers' attack
 * ({@link GradientAttack}) and the honest peers' screening and rule ({@link GradientCombiner}) are the
 * engine's own classes, called in the order a real peer calls them. Since honest peers that read the
 * same messages take the same step, one model stands for all of them; what is left out is only the
 * stores, the threads and the failure handling, so a cell costs one gradient per peer per round.
 */
final class SimulatedPeers {
    private SimulatedPeers() {
    }

    /** The trained parameters of {@code job} (protocol p2p), on {@code data} loaded for it. */
    static float[] train(JobSpec asRead, TrainingData data) {
        // The kernels the real run chooses, so that the two compute the same bits.
        JobSpec job = asRead.withKernelsFor(data.train());
        P2pSettings settings = job.settings(P2pSettings.class);
        RobustSettings robust = settings.robust();
        int peers = settings.peers();
        Dataset train = data.train();
        Model model = Models.create(job.model(), train.cols(), train.numClasses());
        int p = model.parameterCount();
        GradientAttack attack = robust.attack(job.seed()).orElse(null);
        List<Dataset> shards = new ArrayList<>(robust.split().shards(train, peers, job.seed()));
        int minRows = shards.stream().mapToInt(Dataset::rows).min().orElseThrow();
        int batch = job.training().batchSize() * settings.functionsPerPeer();
        List<PeerBatches> batches = new ArrayList<>();
        for (int q = 0; q < peers; q++) {
            if (robust.isByzantine(q) && attack != null) {
                shards.set(q, attack.data(shards.get(q)));
            }
            batches.add(robust.split().batches(job.seed(), q, shards.get(q).rows(), minRows, train.rows() / peers, batch));
        }
        int steps = batches.get(0).stepsPerEpoch();
        long rounds = (long) job.training().epochs() * steps;
        LearningRateSchedule rates = job.training().schedule(steps);
        Optimizer optimizer = Optimizers.create(job.training().optimizer(), p);
        GradientCombiner combiner = new GradientCombiner(robust.aggregator(), p);
        List<Integer> forgers = attack != null && attack.forges() ? robust.byzantinePeers() : List.of();

        float[] w = model.initialParameters(job.seed());
        float[] gradient = new float[p];
        for (long round = 0; round < rounds; round++) {
            int epoch = (int) (round / steps);
            int step = (int) (round % steps);
            float[][] messages = new float[peers][];
            List<float[]> honest = new ArrayList<>();
            for (int q = 0; q < peers; q++) {
                if (forgers.contains(q)) {
                    continue;
                }
                messages[q] = message(model, w, shards.get(q), batches.get(q).rows(epoch, step), gradient);
                if (!robust.isByzantine(q)) {
                    honest.add(messages[q]);
                }
            }
            if (!forgers.isEmpty()) {
                float[][] forged = attack.forge(honest, forgers.size(), round, p);
                for (int i = 0; i < forgers.size(); i++) {
                    messages[forgers.get(i)] = forged[i];
                }
            }
            optimizer.step(w, combiner.combine(messages).gradient(), rates.scale(round, rounds));
        }
        return w;
    }

    /** A peer's published message as one gradient function computes it: gradient and loss times rows, then divided by rows in float. */
    private static float[] message(Model model, float[] w, Dataset shard, int[] rows, float[] gradient) {
        int p = gradient.length;
        double loss = model.lossAndGradient(w, shard, rows, gradient);
        float n = rows.length;
        float scale = 1f / rows.length;
        float[] message = new float[p + 2];
        for (int j = 0; j < p; j++) {
            message[j] = gradient[j] * n * scale;
        }
        message[p] = (float) (loss * n) * scale;
        message[p + 1] = n * scale;
        return message;
    }
}
