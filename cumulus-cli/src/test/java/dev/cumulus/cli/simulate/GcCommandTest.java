package dev.cumulus.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GcCommandTest {

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    /** Mirrors the root command: usage errors print one line and exit 2, failures exit 1. */
    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new SimulateCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("cumulus: " + ex.getMessage());
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("cumulus: " + ex);
            return 1;
        });
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void writesTheJsonContractAndBothChartsAndPrintsTheTable() throws Exception {
        Path out = dir.resolve("gc");
        Run run = run("gc", "--workers", "20", "--load", "4", "--parts", "2", "--order", "optimal",
                "--chunk-time", "shifted-exp:1,1", "--deadlines", "2,4,6,8", "--trials", "300", "--seed", "3",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("exact mode", "wait for all", "classic GC", "partial (ours)", "approximate mode");
        JsonNode json = new ObjectMapper().readTree(out.resolve("gc.json").toFile());
        for (String scheme : new String[] {"waitForAll", "classic", "partial"}) {
            assertThat(json.at("/exact/" + scheme + "/mean").isNumber()).as(scheme).isTrue();
            assertThat(json.at("/exact/" + scheme + "/std").isNumber()).as(scheme).isTrue();
        }
        assertThat(json.at("/exact/partial/mean").asDouble()).isLessThan(json.at("/exact/classic/mean").asDouble());
        JsonNode approximate = json.get("approximate");
        assertThat(approximate).hasSize(4);
        List<Double> deadlines = new ArrayList<>();
        for (JsonNode row : approximate) {
            deadlines.add(row.get("deadline").asDouble());
            assertThat(row.get("partial").asDouble()).isLessThanOrEqualTo(row.get("classic").asDouble());
            assertThat(row.has("ignoreStragglers")).isTrue();
        }
        assertThat(deadlines).containsExactly(2.0, 4.0, 6.0, 8.0);
        for (String png : new String[] {"completion.png", "mse.png"}) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertThat(bytes.length).isGreaterThan(1000);
            assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain(".gc.json.tmp");
        }
    }

    @Test
    void failedWorkersGiveNullForWaitForAllInsteadOfInvalidJson() throws Exception {
        Path out = dir.resolve("fail");
        Run run = run("gc", "--workers", "10", "--load", "3", "--fail-fraction", "0.1", "--trials", "50",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("gc.json").toFile());
        assertThat(json.at("/exact/waitForAll/mean").isNull()).isTrue();
        assertThat(json.at("/exact/waitForAll/completed").asInt()).isZero();
        assertThat(json.at("/exact/partial/completed").asInt()).isEqualTo(50);
    }

    private void assertUsageError(String expected, String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "gc";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--out";
        full[args.length + 2] = dir.resolve("unused").toString();
        Run run = run(full);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(expected);
        assertThat(dir.resolve("unused")).doesNotExist();
    }

    @Test
    void badFlagsGiveOneClearLineAndExitCodeTwo() {
        assertUsageError("--parts 5 is larger than --load 4", "--workers", "20", "--load", "4", "--parts", "5");
        assertUsageError("--load 30 is larger than the chunk count 20", "--workers", "20", "--load", "30");
        assertUsageError("--load 6 is larger than the chunk count 5",
                "--workers", "20", "--load", "6", "--chunks", "5");
        assertUsageError("malformed distribution 'gauss:1'", "--workers", "20", "--load", "4", "--chunk-time", "gauss:1");
        assertUsageError("malformed distribution 'pareto:1'", "--workers", "20", "--load", "4", "--chunk-time", "pareto:1");
        assertUsageError("--assignment", "--workers", "20", "--load", "4", "--assignment", "diagonal");
        assertUsageError("--order", "--workers", "20", "--load", "4", "--order", "best");
        assertUsageError("increasing", "--workers", "20", "--load", "4", "--deadlines", "3,1");
        assertUsageError("slow fraction", "--workers", "20", "--load", "4", "--slow-fraction", "2");
        assertUsageError("Unknown option", "--workers", "20", "--load", "4", "--frobnicate");
        assertUsageError("random-regular assignment needs as many chunks as workers",
                "--workers", "20", "--load", "4", "--chunks", "40", "--assignment", "random-regular");
        assertUsageError("not regular", "--workers", "20", "--load", "4", "--chunks", "30", "--order", "optimal");
    }
}
