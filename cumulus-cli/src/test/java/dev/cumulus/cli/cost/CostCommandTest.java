package dev.cumulus.cli.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostCommandTest {
    @TempDir
    Path dir;

    private Path job;

    @BeforeEach
    void writeJob() throws Exception {
        job = dir.resolve("job.yaml");
        Files.writeString(job, """
                dataset: { source: higgs-like, rows: 5000 }
                model: { type: logistic }
                algorithm: { type: ga-sgd, batchSize: 128, epochs: 2 }
                workers: 2
                channel: "memory:"
                seed: 3
                """);
    }

    @Test
    void printsEveryConfigurationMarksTheCheapestAndFastestAndWritesCsvAndChart() throws Exception {
        Path out = dir.resolve("cost");
        CliRun run = CliRun.of("cost", job.toString(), "--workers", "1,4,16", "--stores", "s3,redis", "--out",
                out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("functions/s3", "functions/redis", "VMs", "cheapest:", "fastest:", "pareto");
        List<String> csv = Files.readAllLines(out.resolve("cost.csv"));
        assertThat(csv.get(0)).isEqualTo(CostTable.CSV_HEADER);
        assertThat(csv).hasSize(1 + 3 * 2 + 3);
        assertThat(csv.stream().filter(l -> l.contains(",true,")).count()).isGreaterThanOrEqualTo(1);
        byte[] png = Files.readAllBytes(out.resolve("cost.png"));
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void badPricesAreRefusedWithTheKeyNamedAndExitCodeTwo() throws Exception {
        Path prices = dir.resolve("prices.properties");
        Files.writeString(prices, "s3.usdPerThousandPuts=-0.005\n");
        CliRun negative = CliRun.of("cost", job.toString(), "--prices", prices.toString(), "--out", dir.toString());
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("s3.usdPerThousandPuts", prices.toString());

        Files.writeString(prices, "lambda.x86_64.usdPerGbSecond=cheap\n");
        CliRun text = CliRun.of("cost", job.toString(), "--prices", prices.toString(), "--out", dir.toString());
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.err()).contains("lambda.x86_64.usdPerGbSecond", "cheap");

        Files.writeString(prices, "elasticache.usdPerNodeHour=\n");
        CliRun missing = CliRun.of("cost", job.toString(), "--prices", prices.toString(), "--out", dir.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("elasticache.usdPerNodeHour");
    }

    @Test
    void predictsEveryLambdaMlAlgorithmAndPricesTheParameterServersInstance() throws Exception {
        for (String[] set : new String[][] {{"algorithm.type=ma-sgd", "algorithm.localSteps=5"},
                {"algorithm.type=admm", "algorithm.localSteps=5"}, {"pattern=parameter-server", "sync=asp"}}) {
            CliRun run = CliRun.of("cost", job.toString(), "--set", set[0], "--set", set[1], "--workers", "2,8",
                    "--stores", "s3", "--out", dir.resolve("algorithms").toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains(set[0].endsWith("ma-sgd") ? "ma-sgd" : set[0].endsWith("admm") ? "admm"
                    : "parameter-server");
        }
        CliRun ps = CliRun.of("cost", job.toString(), "--set", "pattern=parameter-server", "--set",
                "ps.instanceType=m5.xlarge", "--workers", "4", "--stores", "s3", "--no-vms", "--out",
                dir.resolve("ps").toString());
        assertThat(ps.out()).contains("parameter server: m5.xlarge at $0.192/h");
        List<String> csv = Files.readAllLines(dir.resolve("ps").resolve("cost.csv"));
        int column = List.of(csv.get(0).split(",")).indexOf("serverUsd");
        // Billed per second with a minute's minimum: a short job pays the minute.
        assertThat(Double.parseDouble(csv.get(1).split(",")[column])).isCloseTo(0.192 / 60, within(1e-12));

        Path prices = dir.resolve("prices.properties");
        Files.writeString(prices, "ec2.m5.large.usdPerHour=-0.1\n");
        CliRun negative = CliRun.of("cost", job.toString(), "--set", "pattern=parameter-server", "--prices",
                prices.toString(), "--out", dir.toString());
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("ec2.m5.large.usdPerHour", prices.toString());
    }

    @Test
    void badCalibrationsAreRefusedWithTheFieldNamed() throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        String good = """
                {"runId": "r", "workers": 2, "store": "memory", "platform": "threads", "hostCores": 2, "rounds": 10,
                 "computeSecondsPerRow": 1e-6, "startupSeconds": 0.25, "loadBytesPerSecond": 1e8,
                 "channelLatencySeconds": 1e-3, "channelBytesPerSecond": 1e8, "driverSeconds": 0.5,
                 "serverLatencySeconds": null,
                 "measured": {"wallSeconds": 2, "computeSecondsPerRound": 1e-3, "communicationSecondsPerRound": 2e-3}}
                """;
        Files.writeString(run.resolve("calibration.json"), good);
        CliRun ok = CliRun.of("cost", job.toString(), "--calibrated", run.toString(), "--local", "--stores", "memory",
                "--workers", "2,4", "--out", dir.resolve("ok").toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("calibrated on", "this machine");

        for (String[] bad : new String[][] {
                {"\"computeSecondsPerRow\": 1e-6", "\"computeSecondsPerRow\": \"fast\"", "computeSecondsPerRow"},
                {"\"channelLatencySeconds\": 1e-3", "\"channelLatencySeconds\": -1e-3", "channelLatencySeconds"},
                {"\"loadBytesPerSecond\": 1e8,", "", "loadBytesPerSecond"},
                {"\"serverLatencySeconds\": null,", "", "serverLatencySeconds"},
                {"\"serverLatencySeconds\": null", "\"serverLatencySeconds\": -0.002", "serverLatencySeconds"},
                {"\"serverLatencySeconds\": null", "\"serverLatencySeconds\": \"2 ms\"", "serverLatencySeconds"},
                {"\"wallSeconds\": 2", "\"wallSeconds\": \"two\"", "wallSeconds"}}) {
            Files.writeString(run.resolve("calibration.json"), good.replace(bad[0], bad[1]));
            CliRun refused = CliRun.of("cost", job.toString(), "--calibrated", run.toString(), "--out",
                    dir.resolve("bad").toString());
            assertThat(refused.exitCode()).as(bad[2] + ": " + refused.err()).isEqualTo(2);
            assertThat(refused.err()).contains(bad[2], "calibration.json");
        }
    }

    @Test
    void repeatsOfARunCalibrateWithTheirMedianAndRunsThatDifferAreRefused() throws Exception {
        String calibration = """
                {"runId": "RUN", "workers": WORKERS, "store": "memory", "platform": "threads", "hostCores": 2,
                 "rounds": 10, "computeSecondsPerRow": 1e-6, "startupSeconds": 0.25, "loadBytesPerSecond": 1e8,
                 "channelLatencySeconds": 1e-3, "channelBytesPerSecond": 1e8, "driverSeconds": DRIVER,
                 "serverLatencySeconds": null,
                 "measured": {"wallSeconds": 2, "computeSecondsPerRound": 1e-3, "communicationSecondsPerRound": 2e-3}}
                """;
        List<String> args = new java.util.ArrayList<>(List.of("cost", job.toString(), "--local", "--stores", "memory",
                "--workers", "2", "--no-vms"));
        double[] drivers = {0.5, 9.0, 0.7};
        for (int i = 0; i < drivers.length; i++) {
            Path run = dir.resolve("repeat" + i);
            Files.createDirectories(run);
            Files.writeString(run.resolve("calibration.json"), calibration.replace("RUN", "r" + i)
                    .replace("WORKERS", "2").replace("DRIVER", Double.toString(drivers[i])));
            args.addAll(List.of("--calibrated", run.toString()));
        }
        List<String> median = new java.util.ArrayList<>(args);
        median.addAll(List.of("--out", dir.resolve("median").toString()));
        CliRun three = CliRun.of(median.toArray(String[]::new));
        assertThat(three.exitCode()).as(three.err()).isZero();
        List<String> csv = Files.readAllLines(dir.resolve("median").resolve("cost.csv"));
        int driver = List.of(csv.get(0).split(",")).indexOf("driverSeconds");
        // The median driver, 0.7 s (not the 9 s outlier), plus staging two chunks through one client.
        assertThat(Double.parseDouble(csv.get(1).split(",")[driver])).isBetween(0.7, 0.8);

        Path four = dir.resolve("four");
        Files.createDirectories(four);
        Files.writeString(four.resolve("calibration.json"), calibration.replace("RUN", "r4").replace("WORKERS", "4")
                .replace("DRIVER", "0.5"));
        args.addAll(List.of("--calibrated", four.toString(), "--out", dir.resolve("mixed").toString()));
        CliRun mixed = CliRun.of(args.toArray(String[]::new));
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("workers 2 and 4");
    }

    @Test
    void parametersByHandReplaceTheDefaultsAndBadOnesAreRefusedByKey() throws Exception {
        Path parameters = dir.resolve("parameters.properties");
        Files.writeString(parameters, "channels.s3.latencySeconds=0.001\nvms.bootSeconds=30\n");
        CliRun fast = CliRun.of("cost", job.toString(), "--parameters", parameters.toString(), "--workers", "4",
                "--stores", "s3", "--out", dir.resolve("fast").toString());
        assertThat(fast.exitCode()).as(fast.err()).isZero();
        assertThat(fast.out()).contains("defaults with " + parameters);
        String vmsRow = fast.out().lines().filter(l -> l.startsWith("VMs")).findFirst().orElseThrow();
        assertThat(vmsRow).contains(" 30 ");

        for (String[] bad : new String[][] {
                {"channels.s3.latencySeconds=-0.03", "channels.s3.latencySeconds"},
                {"channels.redis.requestsInFlight=2.5", "channels.redis.requestsInFlight"},
                {"functions.coldStartSeconds=soon", "functions.coldStartSeconds"},
                {"vms.bootSeconds=", "vms.bootSeconds"},
                {"ps.latencySeconds=-0.001", "ps.latencySeconds"},
                {"ps.bytesPerSecond=fast", "ps.bytesPerSecond"},
                {"channels.ftp.latencySeconds=1", "channels.ftp.latencySeconds"}}) {
            Files.writeString(parameters, bad[0] + "\n");
            CliRun refused = CliRun.of("cost", job.toString(), "--parameters", parameters.toString(), "--out",
                    dir.resolve("bad").toString());
            assertThat(refused.exitCode()).as(bad[0] + ": " + refused.err()).isEqualTo(2);
            assertThat(refused.err()).contains(bad[1], parameters.toString());
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(CliRun.of("cost", job.toString(), "--workers", "0,2").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("cost", job.toString(), "--workers", "two").exitCode()).isEqualTo(2);
        CliRun store = CliRun.of("cost", job.toString(), "--stores", "ftp");
        assertThat(store.exitCode()).isEqualTo(2);
        assertThat(store.err()).contains("ftp");
        assertThat(CliRun.of("cost", job.toString(), "--local").exitCode()).isEqualTo(2);
    }

    @Test
    void simulatesTenThousandWorkersAndRefusesABadDistribution() {
        CliRun run = CliRun.of("simulate", "train", job.toString(), "--workers", "1000", "--store", "s3",
                "--rounds", "5", "--compute-time", "pareto:1,2.5", "--fail-fraction", "0.01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1000 workers", "wallSeconds", "waitSeconds", "restarts                 10",
                "totalUsd");
        CliRun bad = CliRun.of("simulate", "train", job.toString(), "--compute-time", "normal:1");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--compute-time", "normal:1");
        CliRun tooMany = CliRun.of("simulate", "train", job.toString(), "--workers", "10000");
        assertThat(tooMany.exitCode()).isEqualTo(2);
        assertThat(tooMany.err()).contains("every worker needs at least one row");
    }
}
