package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.engine.run.RunResult;
import java.util.ArrayList;
import java.util.Collections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that stops in the middle of training is excluded by the others within the exclusion time,
 * and they finish without it, as a run that had one peer fewer would.
 */
class PeerFailureTest {
    private static final String PEERS = """
            protocol: p2p
            p2p: { peers: %d, heartbeatMillis: 50, exclusionMillis: 400 }
            """;

    @Test
    void survivorsExcludeAStoppedPeerAndFinishCloseToAThreePeerRun() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult threePeers = PeerToPeerTrainingTest.train(PeerToPeerTrainingTest.DATA + PEERS.formatted(3), new ArrayList<>());
        long started = System.nanoTime();
        RunResult oneStops = PeerToPeerTrainingTest.train(PeerToPeerTrainingTest.DATA + PEERS.formatted(4)
                + "stragglers: { fail: [3], failRound: 120 }\n", log);
        double seconds = (System.nanoTime() - started) / 1e9;

        for (int survivor = 0; survivor < 3; survivor++) {
            String excluded = "peer-" + survivor + ": excluded peer-3 at round 120: not heard of for";
            assertThat(log).as("peer-%d's log", survivor).anyMatch(line -> line.startsWith(excluded));
        }
        assertThat(log).anyMatch(l -> l.contains("peer-3: restarted after a failure; the others excluded it"));
        assertThat(log).anyMatch(l -> l.contains("the 3 peers that finished hold identical models [0, 1, 2]"));
        assertThat(oneStops.metrics().get("testAccuracy")).isCloseTo(threePeers.metrics().get("testAccuracy"), within(0.02));
        // Excluding it cost about one exclusion time, not a round time-out.
        assertThat(seconds).isLessThan(60);
    }

    /** Function processes, a directory store each: the failing peer's process halts as a killed one would. */
    @Test
    void aKilledPeerProcessIsExcludedAndTheOthersFinish(@TempDir Path channel) throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult result = PeerToPeerTrainingTest.train(PeerToPeerTrainingTest.DATA.replace("epochs: 3", "epochs: 1")
                + PEERS.formatted(3) + """
                channel: "file:%s"
                platform: { type: processes, memoryMb: 256, coldStartMillis: 0 }
                stragglers: { fail: [1], failRound: 60 }
                """.formatted(channel), log);

        assertThat(log).anyMatch(l -> l.startsWith("peer-0: excluded peer-1 at round 60: not heard of for"));
        assertThat(log).anyMatch(l -> l.startsWith("peer-2: excluded peer-1 at round 60: not heard of for"));
        assertThat(log).anyMatch(l -> l.contains("the 2 peers that finished hold identical models [0, 2]"));
        assertThat(result.metrics().get("testAccuracy")).isGreaterThan(0.7);
        try (var dirs = Files.list(channel)) {
            assertThat(dirs.map(d -> d.getFileName().toString())).anyMatch(name -> name.contains("-peer-2"));
        }
    }
}
