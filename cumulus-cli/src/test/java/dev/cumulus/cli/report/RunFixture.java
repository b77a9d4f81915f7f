package dev.cumulus.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A run directory written by hand, as {@code cumulus train} would leave it, without training. */
final class RunFixture {
    private RunFixture() {
    }

    static Path write(Path dir, String runId, int workers, int epochs) throws IOException {
        Files.createDirectories(dir);
        StringBuilder curve = new StringBuilder("epoch,trainLoss,elapsedSeconds\n");
        for (int e = 1; e <= epochs; e++) {
            curve.append(String.format(Locale.ROOT, "%d,%.6f,%.3f%n", e, 0.7 / (1 + 0.2 * e),
                    1.5 + 0.1 * e * workers / 4.0));
        }
        Files.writeString(dir.resolve("curve.csv"), curve);
        StringBuilder timeline = new StringBuilder("worker,phase,startMicros,endMicros,bytes\n");
        for (int w = 0; w < workers; w++) {
            long start = 1000L * (w % 97);
            timeline.append(w).append(",startup,0,").append(250_000 + start).append(",0\n");
            timeline.append(w).append(",load,").append(250_000 + start).append(',').append(260_000 + start)
                    .append(",1000\n");
            timeline.append(w).append(",compute,300000,").append(400_000 + 10L * w).append(",0\n");
            timeline.append(w).append(",communicate,400000,700000,2000\n");
        }
        Files.writeString(dir.resolve("timeline.csv"), timeline);
        Files.writeString(dir.resolve("run.json"), """
                {"runId": "%s",
                 "job": {"dataset": {"source": "higgs-like", "rows": 4000}, "workers": %d,
                         "channel": "redis://:***@127.0.0.1:6379", "note": "<b>not markup</b>"},
                 "provenance": {"cumulusVersion": "0.1.0-SNAPSHOT", "commit": "abc1234", "started": "2026-12-07T01:00:00Z"},
                 "metrics": {"trainLoss": 0.59, "trainAccuracy": 0.70, "testLoss": 0.5888, "testAccuracy": 0.69825},
                 "breakdown": {"startupSeconds": 0.25, "loadSeconds": 0.01, "computeSeconds": 0.1,
                               "communicationSeconds": 0.3, "wallSeconds": 2.96},
                 "epochs": [],
                 "cost": {"invocations": %d, "billedSeconds": 2.713, "totalUsd": 4.56e-05}}
                """.formatted(runId, workers, workers));
        return dir;
    }
}
