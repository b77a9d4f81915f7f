package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.RunResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A peer that joins a running job is admitted by every live peer at the same round, starts from
 * their state, contributes from the next round, and ends with their model.
 */
class PeerJoinTest {
    private static final String JOB = PeerToPeerTrainingTest.DATA + """
            protocol: p2p
            p2p: { peers: 3, stores: "memory:join-0 memory:join-1 memory:join-2", heartbeatMillis: 50, exclusionMillis: 1000,
                   roundTimeoutMillis: 20000 }
            stragglers: { delay: "shifted-exponential:10,0.01" }
            """;

    @Test
    void aJoiningPeerContributesFromTheNextRoundAndEndsWithTheSameModel() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        BoundJob bound = Protocols.read(JOB, "job.yaml", List.of());
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> PeerToPeerTrainingTest.train(JOB, log));
        long deadline = System.currentTimeMillis() + 30_000;
        while (StandalonePeer.liveRun(bound.spec(), bound.spec().settings(P2pSettings.class)).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the run's peers are alive").isLessThan(deadline);
            Thread.sleep(20);
        }
        List<String> joinerLog = new ArrayList<>();
        StandalonePeer.Result joined = StandalonePeer.run(bound, null, 3, "memory:join-3", true, joinerLog::add);
        RunResult result = run.get(2, TimeUnit.MINUTES);

        String admittedAt = joinerLog.stream().filter(l -> l.startsWith("peer-3: joined at round ")).findFirst().orElseThrow()
                .replaceAll(".*joined at round (\\d+).*", "$1");
        for (int peer = 0; peer < 3; peer++) {
            assertThat(log).contains("peer-" + peer + ": admitted peer-3 from round " + admittedAt);
            assertThat(log).anyMatch(l -> l.startsWith("peer-") && l.contains("finished with 4 live peers [0, 1, 2, 3]"));
        }
        assertThat(joinerLog).anyMatch(l -> l.contains("joined at round " + admittedAt + " with peers [0, 1, 2, 3]"));
        assertThat(joined.parameters()).isEqualTo(result.model().parameters());
        assertThat(joined.curve()).map(EpochRecord::trainLoss).isEqualTo(result.curve().stream().map(EpochRecord::trainLoss).toList());
    }
}
