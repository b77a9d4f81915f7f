package dev.cumulus.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.cli.CliRun;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coded runs keep their rounds in run.json, and the report compares strategies' round times. */
class CodedReportTest {

    @Test
    void aReportOfTwoCodedRunsPlotsTheirRoundTimesSideBySide(@TempDir Path dir) throws Exception {
        String job = """
                dataset: { source: higgs-like, rows: 3000 }
                algorithm: { batchSize: 64, epochs: 1 }
                workers: 4
                protocol: coded
                platform: { coldStartMillis: 0 }
                """;
        for (String strategy : List.of("partial-work", "wait-for-all")) {
            var run = new Driver(line -> { }).run(Protocols.read(job, "job.yaml", List.of("coded.strategy=" + strategy)));
            new RunDirectory(dir.resolve(strategy)).write(run, Map.of());
        }
        var rounds = new ObjectMapper().readTree(dir.resolve("partial-work").resolve("run.json").toFile())
                .at("/protocolReport/rounds");
        assertThat(rounds.size()).isEqualTo(3000 * 4 / 5 / 4 / 64 + 1);
        assertThat(rounds.get(0).has("state")).isTrue();

        Path html = dir.resolve("compare.html");
        CliRun report = CliRun.of("report", dir.resolve("partial-work").toString(), dir.resolve("wait-for-all").toString(),
                "--out", html.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Files.readString(html)).contains("broadcast encode and transmit, run by run");
    }
}
