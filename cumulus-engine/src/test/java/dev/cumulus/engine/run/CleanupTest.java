package dev.cumulus.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.testing.RedisServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that fails leaves nothing of itself in its store, on a directory and on a real Redis. */
class CleanupTest {
    private static final String FAILING = """
            dataset: { source: higgs-like, rows: 4000 }
            algorithm: { epochs: 2 }
            workers: 2
            stragglers: { fail: [1], failRound: 3 }
            platform: { maxRestarts: 0, coldStartMillis: 0 }
            """;

    @Test
    void aFailedRunOnAFileChannelLeavesNoFile(@TempDir Path store) throws Exception {
        assertThatThrownBy(() -> new Driver(line -> { }).run(Protocols.read(FAILING, "job.yaml",
                List.of("channel=file:" + store)))).isInstanceOf(TrainingFailedException.class);
        try (var files = Files.walk(store)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void aFailedRunOnRedisLeavesNoKey() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            String uri = "redis://127.0.0.1:" + redis.port();
            assertThatThrownBy(() -> new Driver(line -> { }).run(Protocols.read(FAILING, "job.yaml",
                    List.of("channel=" + uri)))).isInstanceOf(TrainingFailedException.class);
            try (Channel channel = Channels.open(uri)) {
                // Heartbeats carry an expiry of a few seconds; anything else would be a leftover.
                assertThat(channel.list("runs/")).allMatch(key -> key.contains("/heartbeat/"));
            }
        }
    }
}
