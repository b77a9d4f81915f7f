package dev.cumulus.engine.run;

import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.billing.BillingMeter;
import dev.cumulus.channel.meter.RequestCounts;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.runtime.billing.LambdaRate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/** The dollar cost and invocation statistics of a run, as its report shows them. */
final class Costs {
    private Costs() {
    }

    static Map<String, Object> of(BillingMeter.Bill bill, List<InvocationResult> results, int restarts) {
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("invocations", bill.requests());
        cost.put("coldStarts", results.stream().filter(InvocationResult::coldStart).count());
        cost.put("restarts", restarts);
        cost.put("billedSeconds", bill.billedMillis() / 1000.0);
        cost.put("gbSeconds", bill.gbSeconds());
        cost.put("computeUsd", bill.computeUsd());
        cost.put("requestUsd", bill.requestUsd());
        cost.put("totalUsd", bill.totalUsd());
        return cost;
    }

    /**
     * Where the functions' time and money went: per phase over all functions, and per function,
     * each priced as Lambda bills it (GB-seconds at the function's memory). Waiting for the others in
     * a collective is its own phase, {@code wait}, beside {@code communicate}: billed all the same.
     */
    static Map<String, Object> byPhase(List<TimelineEvent> events, int memoryMb, LambdaRate rate) {
        Map<Phase, Long> total = new EnumMap<>(Phase.class);
        Map<Integer, Map<Phase, Long>> byWorker = new TreeMap<>();
        for (TimelineEvent e : events) {
            total.merge(e.phase(), e.durationMicros(), Long::sum);
            byWorker.computeIfAbsent(e.worker(), w -> new EnumMap<>(Phase.class)).merge(e.phase(), e.durationMicros(),
                    Long::sum);
        }
        Map<String, Object> phases = new LinkedHashMap<>();
        total.forEach((phase, micros) -> phases.put(phase.name().toLowerCase(Locale.ROOT), priced(micros, memoryMb, rate)));
        List<Map<String, Object>> workers = new ArrayList<>();
        byWorker.forEach((worker, perPhase) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("function", worker);
            long sum = 0;
            for (Map.Entry<Phase, Long> e : perPhase.entrySet()) {
                row.put(e.getKey().name().toLowerCase(Locale.ROOT) + "Seconds", e.getValue() / 1e6);
                sum += e.getValue();
            }
            row.putAll(priced(sum, memoryMb, rate));
            workers.add(row);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("perPhase", phases);
        out.put("perFunction", workers);
        return out;
    }

    private static Map<String, Object> priced(long micros, int memoryMb, LambdaRate rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        double seconds = micros / 1e6;
        m.put("seconds", seconds);
        m.put("gbSeconds", LambdaRate.gbSeconds(memoryMb, micros / 1000));
        m.put("usd", rate.chargeUsd(memoryMb, micros / 1000));
        return m;
    }

    /** The requests every function and the driver made to the run's store. */
    static Map<String, Object> requests(RequestCounts counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("writes", counts.writes());
        m.put("reads", counts.reads());
        m.put("deletes", counts.deletes());
        m.put("lists", counts.lists());
        m.put("writeUnits", counts.writeUnits());
        m.put("readUnits", counts.readUnits());
        return m;
    }
}
