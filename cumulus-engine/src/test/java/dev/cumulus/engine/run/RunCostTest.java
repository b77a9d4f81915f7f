package dev.cumulus.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.engine.protocol.Protocols;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run says where its money went: per phase, per function, and the requests a store would bill. */
class RunCostTest {

    @Test
    @SuppressWarnings("unchecked")
    void costIsSplitByPhaseAndFunctionAndCountsTheStoresRequests() {
        RunResult run = new Driver(line -> { }).run(Protocols.read("""
                dataset: { source: higgs-like, rows: 4000 }
                algorithm: { batchSize: 100, epochs: 2 }
                workers: 2
                platform: { memoryMb: 2048 }
                """, "job.yaml", List.of()));
        Map<String, Object> phases = (Map<String, Object>) run.cost().get("perPhase");
        assertThat(phases).containsKeys("startup", "load", "compute", "communicate");
        double computeSeconds = run.timeline().stream().filter(e -> e.phase() == Phase.COMPUTE)
                .mapToLong(TimelineEvent::durationMicros).sum() / 1e6;
        Map<String, Object> compute = (Map<String, Object>) phases.get("compute");
        assertThat((double) compute.get("seconds")).isCloseTo(computeSeconds, within(1e-6));
        assertThat((double) compute.get("gbSeconds")).isCloseTo(2 * computeSeconds, within(0.01));

        List<Map<String, Object>> functions = (List<Map<String, Object>>) run.cost().get("perFunction");
        assertThat(functions).hasSize(2);
        double byFunction = functions.stream().mapToDouble(f -> (double) f.get("usd")).sum();
        double byPhase = phases.values().stream().mapToDouble(p -> (double) ((Map<String, Object>) p).get("usd")).sum();
        // Each entry is billed in whole milliseconds, as Lambda rounds: the two sums differ by that rounding only.
        assertThat(byFunction).isCloseTo(byPhase, org.assertj.core.api.Assertions.withinPercentage(5));

        Map<String, Object> requests = (Map<String, Object>) run.cost().get("storeRequests");
        // 2 staged chunks, then every one of 2 x 16 steps writes at least one input per worker.
        long steps = 2 * 3200 / 2 / 100;
        assertThat((long) requests.get("writes")).isGreaterThanOrEqualTo(2 + 2 * steps);
        assertThat((long) requests.get("reads")).isGreaterThanOrEqualTo(2 * steps);
        assertThat((long) requests.get("writeUnits")).isGreaterThanOrEqualTo((long) requests.get("writes"));
    }
}
