package dev.cumulus.engine.lambdaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SSP's promise, read from the timeline: no worker starts round r + K + 1 before every worker has
 * finished round r. A slow worker (injected) makes the bound bite; ASP, with the same slow worker,
 * breaks it, so the check can fail.
 */
class StaleSynchronousTest {
    private static final int K = 2;

    private static RunResult run(String sync) {
        return new Driver(line -> { }).run(Protocols.read("""
                dataset: { source: higgs-like, rows: 6000 }
                algorithm: { optimizer: sgd, learningRate: 0.05, batchSize: 16, epochs: 1 }
                workers: 4
                stragglers: { slow: [3], factor: 6 }
                platform: { coldStartMillis: 0 }
                sync: %s
                """.formatted(sync), "job.yaml", List.of()));
    }

    @Test
    void noWorkerRunsMoreThanKRoundsAheadOfTheSlowest() {
        RunResult ssp = run("ssp:" + K);
        assertThat(violations(ssp.timeline())).isZero();
        assertThat(ssp.metrics().get("testAccuracy")).isGreaterThan(0.6);
    }

    @Test
    void withoutTheBoundTheFastWorkersRunAhead() {
        assertThat(violations(run("asp").timeline())).isPositive();
    }

    /** Pairs (worker, round r) where the worker started round r + K + 1 before some worker finished round r. */
    private static int violations(List<TimelineEvent> events) {
        Map<Integer, Map<Long, Long>> starts = new HashMap<>();
        Map<Long, Long> lastFinish = new HashMap<>();
        for (TimelineEvent e : events) {
            if (e.round() < 0) {
                continue;
            }
            starts.computeIfAbsent(e.worker(), w -> new HashMap<>()).merge(e.round(), e.startMicros(), Math::min);
            lastFinish.merge(e.round(), e.endMicros(), Math::max);
        }
        int violations = 0;
        for (Map<Long, Long> byRound : starts.values()) {
            for (Map.Entry<Long, Long> start : byRound.entrySet()) {
                Long finished = lastFinish.get(start.getKey() - K - 1);
                if (finished != null && start.getValue() < finished) {
                    violations++;
                }
            }
        }
        return violations;
    }
}
