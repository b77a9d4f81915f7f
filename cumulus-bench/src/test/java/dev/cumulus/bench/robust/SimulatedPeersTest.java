package dev.cumulus.bench.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.protocol.TrainingData;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Byzantine table's harness ends with the very model a real p2p run of the same job ends with. */
class SimulatedPeersTest {
    private static final String JOB = """
            dataset: { source: fashion-mnist, rows: 2000 }
            model: { type: softmax, standardize: true }
            algorithm: { optimizer: momentum, learningRate: 0.1, batchSize: 32, epochs: 2 }
            protocol: p2p
            p2p: { peers: 5, f: 1, split: "dirichlet:1", byzantinePeers: "4" }
            seed: 3
            """;

    private static void sameModelAsARealRun(List<String> overrides) {
        BoundJob bound = Protocols.read(JOB, "job.yaml", overrides);
        float[] simulated = SimulatedPeers.train(bound.spec(), TrainingData.load(bound.spec()));
        RunResult real = new Driver(line -> { }).run(bound);
        assertThat(simulated).containsExactly(real.parameters());
    }

    @Test
    void aForgedAttackAgainstNnmThenTrimmedMeanGivesTheRealRunsModel() {
        sameModelAsARealRun(List.of("p2p.attack=alie:z=1.5,direction=1", "p2p.aggregation=trimmed-mean",
                "p2p.preAggregators=nnm"));
    }

    @Test
    void labelFlippingAndScreenedNanGiveTheRealRunsModel() {
        sameModelAsARealRun(List.of("p2p.attack=label-flip", "p2p.aggregation=geomed"));
        sameModelAsARealRun(List.of("p2p.attack=nan", "p2p.aggregation=median"));
    }
}
