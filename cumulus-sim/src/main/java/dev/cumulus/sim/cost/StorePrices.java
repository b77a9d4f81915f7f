package dev.cumulus.sim.cost;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What the stores charge: S3 per request, DynamoDB per request unit, ElastiCache per node-hour (memory and
 * file channels are free). Read from the bundled {@value #RESOURCE}, whose keys a price file may override.
 *
 * @param s3UsdPerPut one PUT (or LIST)
 * @param s3UsdPerGet one GET
 * @param dynamoUsdPerWriteUnit one write request unit (up to 1 KB written)
 * @param dynamoUsdPerReadUnit one strongly consistent read request unit (up to 4 KB read)
 * @param elastiCacheUsdPerNodeHour one cache node for an hour
 * @param elastiCacheNodes nodes of the cluster
 * @param elastiCacheBillingIncrementSeconds a node's time is rounded up to a multiple of this
 */
public record StorePrices(double s3UsdPerPut, double s3UsdPerGet, double dynamoUsdPerWriteUnit,
        double dynamoUsdPerReadUnit, double elastiCacheUsdPerNodeHour, int elastiCacheNodes,
        double elastiCacheBillingIncrementSeconds) {

    /** Bundled defaults, on the class path. */
    public static final String RESOURCE = "/dev/cumulus/sim/cost/store-prices.properties";

    public StorePrices {
        Check.nonNegative("s3.usdPerThousandPuts", s3UsdPerPut * 1000);
        Check.nonNegative("s3.usdPerThousandGets", s3UsdPerGet * 1000);
        Check.nonNegative("dynamodb.usdPerMillionWriteUnits", dynamoUsdPerWriteUnit * 1e6);
        Check.nonNegative("dynamodb.usdPerMillionReadUnits", dynamoUsdPerReadUnit * 1e6);
        Check.nonNegative("elasticache.usdPerNodeHour", elastiCacheUsdPerNodeHour);
        Check.atLeast("elasticache.nodes", elastiCacheNodes, 1);
        Check.positive("elasticache.billingIncrementSeconds", elastiCacheBillingIncrementSeconds);
    }

    /** The bundled prices. */
    public static StorePrices defaults() {
        return from(bundled(), "class path resource " + RESOURCE);
    }

    /** The bundled keys, with those in {@code override} replacing them; {@code source} names the file. */
    public static StorePrices from(Properties override, String source) {
        Properties p = bundled();
        p.putAll(override);
        return new StorePrices(
                price(p, "s3.usdPerThousandPuts", source) / 1000,
                price(p, "s3.usdPerThousandGets", source) / 1000,
                price(p, "dynamodb.usdPerMillionWriteUnits", source) / 1e6,
                price(p, "dynamodb.usdPerMillionReadUnits", source) / 1e6,
                price(p, "elasticache.usdPerNodeHour", source),
                (int) count(p, "elasticache.nodes", source),
                price(p, "elasticache.billingIncrementSeconds", source));
    }

    /** Dollars for a cache cluster kept for {@code seconds}. */
    public double elastiCacheUsd(double seconds) {
        double increments = Math.ceil(seconds / elastiCacheBillingIncrementSeconds);
        return elastiCacheNodes * increments * elastiCacheBillingIncrementSeconds / 3600.0 * elastiCacheUsdPerNodeHour;
    }

    private static double price(Properties p, String key, String source) {
        double value = Check.parse(key, p.getProperty(key), source);
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidParameterException(key, "Invalid value '" + p.getProperty(key) + "' for " + key + " in "
                    + source + ": expected a non-negative number");
        }
        return value;
    }

    private static double count(Properties p, String key, String source) {
        double value = price(p, key, source);
        if (value < 1 || value != Math.rint(value)) {
            throw new InvalidParameterException(key, "Invalid value '" + p.getProperty(key) + "' for " + key + " in "
                    + source + ": expected a whole number at least 1");
        }
        return value;
    }

    private static Properties bundled() {
        Properties properties = new Properties();
        try (InputStream in = StorePrices.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Bundled store prices " + RESOURCE + " are missing from the class path");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read bundled store prices " + RESOURCE + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
