package dev.cumulus.engine.run;

import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.billing.BillingMeter;
import java.util.LinkedHashMap;
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
}
