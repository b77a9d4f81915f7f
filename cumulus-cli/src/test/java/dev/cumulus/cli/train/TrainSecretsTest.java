package dev.cumulus.cli.train;

import dev.cumulus.cli.CliRun;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.engine.testing.RedisServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A password given for the channel never reaches a run directory, the terminal or an error message. */
class TrainSecretsTest {
    private static final String PASSWORD = "pw-3f9c1e7a-never-on-disk";

    @Test
    void aPasswordInTheChannelUriIsWrittenNowhere(@TempDir Path tmp) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(PASSWORD)) {
            for (String channel : List.of("redis://:" + PASSWORD + "@127.0.0.1:" + redis.port(),
                    "redis://default:" + PASSWORD + "@127.0.0.1:" + redis.port())) {
                Path out = tmp.resolve("run-" + (channel.contains("default") ? "user" : "password"));
                CliRun run = train(tmp, channel, out);
                assertThat(run.exitCode()).as(run.err()).isZero();
                assertNowhere(out, run);
                JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
                assertThat(json.at("/job/channel").asText()).isEqualTo(channel.replace(PASSWORD, "***"));
                assertThat(json.at("/provenance/channel").asText()).doesNotContain(PASSWORD);
            }
        }
    }

    @Test
    void aPasswordNamedByAFileReferenceIsUsedAndOnlyTheReferenceIsRecorded(@TempDir Path tmp) throws Exception {
        Path secret = Files.writeString(tmp.resolve("redis-password"), PASSWORD + "\n");
        try (RedisServerProcess redis = RedisServerProcess.start(PASSWORD)) {
            String channel = "redis://:${file:" + secret + "}@127.0.0.1:" + redis.port();
            Path out = tmp.resolve("run");
            CliRun run = train(tmp, channel, out);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertNowhere(out, run);
            JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
            assertThat(json.at("/job/channel").asText()).isEqualTo(channel);
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutIt(@TempDir Path tmp) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start(PASSWORD)) {
            String wrong = "wrong-" + PASSWORD;
            Path out = tmp.resolve("run");
            CliRun run = train(tmp, "redis://:" + wrong + "@127.0.0.1:" + redis.port() + "?attempts=1", out);
            assertThat(run.exitCode()).isNotZero();
            assertThat(run.err()).startsWith("cumulus: ").doesNotContain(wrong);
            CliRun debug = CliRun.of("train", tmp.resolve("job.yaml").toString(), "--out", tmp.resolve("debug").toString(),
                    "--debug", "--set", "channel=redis://:" + wrong + "@127.0.0.1:" + redis.port() + "?attempts=1");
            assertThat(debug.err()).contains("\tat ").doesNotContain(wrong);
            assertThat(debug.out()).doesNotContain(wrong);
        }
    }

    private static CliRun train(Path tmp, String channel, Path out) throws Exception {
        Path job = tmp.resolve("job.yaml");
        Files.writeString(job, """
                dataset: { source: higgs-like, rows: 2000 }
                model: { type: logistic }
                algorithm: { learningRate: 0.1, batchSize: 50, epochs: 2 }
                workers: 2
                """);
        return CliRun.of("train", job.toString(), "--out", out.toString(), "--set", "channel=" + channel);
    }

    private static void assertNowhere(Path out, CliRun run) throws Exception {
        assertThat(run.out()).doesNotContain(PASSWORD);
        assertThat(run.err()).doesNotContain(PASSWORD);
        byte[] needle = PASSWORD.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).extracting(p -> p.getFileName().toString())
                    .contains("run.json", "model.bin", "curve.csv", "timeline.csv", "loss.png", "breakdown.png");
            for (Path file : all) {
                assertThat(indexOf(Files.readAllBytes(file), needle)).as(file.toString()).isEqualTo(-1);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
