package dev.cumulus.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cumulus.engine.metrics.EpochRecord;
import java.io.IOException;
import java.util.List;

/** What a report shows of one run, read from its directory. */
record ReportedRun(String name, RunDirectory dir, JsonNode json, List<EpochRecord> curve, PhaseTimes phases) {

    static ReportedRun load(RunDirectory dir) throws IOException {
        JsonNode json = dir.runJson();
        String runId = json.path("runId").asText("");
        String name = dir.path().toAbsolutePath().normalize().getFileName()
                + (runId.isEmpty() ? "" : " (" + runId + ")");
        return new ReportedRun(name, dir, json, dir.curve(), PhaseTimes.of(dir.timeline()));
    }

    /** The final model's metrics: {@code testLoss}, {@code testAccuracy} and the like. */
    JsonNode metrics() {
        return json.path("metrics");
    }
}
