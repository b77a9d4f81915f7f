package dev.cumulus.cli.train;

import dev.cumulus.engine.run.RunResult;
import dev.cumulus.sim.cost.StorePrices;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the run's store would have billed, from the requests the run counted: S3 per request,
 * DynamoDB per request unit, ElastiCache (Redis, Memcached) per node-hour of the run; a directory
 * or memory costs nothing. Prices are the bundled store price table's (docs/COST-MODEL.md).
 */
final class StoreBill {
    private StoreBill() {
    }

    /** The {@code storeCost} section of run.json. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(RunResult run) {
        Map<String, Object> requests = (Map<String, Object>) run.cost().get("storeRequests");
        String uri = run.job().spec().channel().toLowerCase(Locale.ROOT);
        StorePrices prices = StorePrices.defaults();
        String store;
        double usd;
        if (uri.startsWith("s3:")) {
            store = "s3";
            usd = count(requests, "writes") * prices.s3UsdPerPut()
                    + (count(requests, "reads") + count(requests, "lists")) * prices.s3UsdPerGet();
        } else if (uri.startsWith("dynamodb:")) {
            store = "dynamodb";
            usd = count(requests, "writeUnits") * prices.dynamoUsdPerWriteUnit()
                    + count(requests, "readUnits") * prices.dynamoUsdPerReadUnit();
        } else if (uri.startsWith("redis") || uri.startsWith("memcached:")) {
            store = "elasticache";
            usd = prices.elastiCacheUsd(run.wallSeconds());
        } else {
            store = "none (" + uri.substring(0, uri.indexOf(':') + 1) + " is not billed)";
            usd = 0;
        }
        Map<String, Object> bill = new LinkedHashMap<>();
        bill.put("store", store);
        bill.put("usd", usd);
        return bill;
    }

    private static long count(Map<String, Object> requests, String key) {
        return requests == null ? 0 : ((Number) requests.getOrDefault(key, 0)).longValue();
    }
}
