package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.run.RunResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Peers whose functions have a short time limit hand their state to successors, and the run ends
 * with the model of a run without a limit, bit for bit.
 */
class PeerHandOverTest {
    private static final String JOB = PeerToPeerTrainingTest.DATA.replace("epochs: 3", "epochs: 2") + """
            protocol: p2p
            p2p: { peers: 3, heartbeatMillis: 50, exclusionMillis: 1000 }
            stragglers: { delay: "shifted-exponential:10,0.01" }
            platform: { type: threads, timeoutSeconds: %d, coldStartMillis: 0 }
            """;

    @Test
    void peersWithShortTimeLimitsEndWithTheModelOfUnlimitedOnes() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult limited = PeerToPeerTrainingTest.train(JOB.formatted(3), log);
        RunResult unlimited = PeerToPeerTrainingTest.train(JOB.formatted(900), new ArrayList<>());

        assertThat(log).anyMatch(l -> l.startsWith("peer-0: handed over to a successor at round"));
        assertThat(log).noneMatch(l -> l.contains("excluded"));
        assertThat(((Number) limited.cost().get("invocations")).longValue()).isGreaterThan(3);
        assertThat(limited.model().parameters()).isEqualTo(unlimited.model().parameters());
        assertThat(limited.curve()).map(EpochRecord::trainLoss)
                .isEqualTo(unlimited.curve().stream().map(EpochRecord::trainLoss).toList());
    }
}
