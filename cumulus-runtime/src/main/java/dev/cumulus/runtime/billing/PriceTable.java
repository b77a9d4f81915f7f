package dev.cumulus.runtime.billing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The prices Cumulus charges with: AWS Lambda rates per architecture and EC2 on-demand rates per instance
 * type, read from the bundled {@value #RESOURCE} and optionally overridden key by key by a user file.
 */
public final class PriceTable {

    /** Bundled defaults, on the class path. */
    public static final String RESOURCE = "/dev/cumulus/runtime/billing/prices.properties";

    private static final String EC2_SUFFIX = ".usdPerHour";

    private final Map<String, LambdaRate> lambdaRates;
    private final Map<String, Ec2Rate> ec2Rates;

    private PriceTable(Map<String, LambdaRate> lambdaRates, Map<String, Ec2Rate> ec2Rates) {
        this.lambdaRates = Collections.unmodifiableMap(lambdaRates);
        this.ec2Rates = Collections.unmodifiableMap(ec2Rates);
    }

    /** The bundled prices. */
    public static PriceTable defaults() {
        return fromProperties(bundled(), "class path resource " + RESOURCE);
    }

    /**
     * The bundled prices with every key present in {@code overrideFile} replaced.
     *
     * @throws IllegalArgumentException naming the file (and key) if it is missing, unreadable or invalid
     */
    public static PriceTable load(Path overrideFile) {
        Properties merged = bundled();
        Properties override = new Properties();
        try (Reader reader = Files.newBufferedReader(overrideFile, StandardCharsets.UTF_8)) {
            override.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Price table " + overrideFile + " does not exist", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot read price table " + overrideFile + ": " + e.getMessage(), e);
        }
        merged.putAll(override);
        return fromProperties(merged, "price table " + overrideFile + " (over the bundled defaults)");
    }

    /** A table read from {@code properties}; {@code source} names them in error messages. */
    public static PriceTable fromProperties(Properties properties, String source) {
        Map<String, LambdaRate> lambda = new TreeMap<>();
        long granularityMillis = (long) number(properties, "lambda.billingGranularityMillis", source);
        for (String architecture : Set.of("x86_64", "arm64")) {
            String prefix = "lambda." + architecture + ".";
            if (properties.getProperty(prefix + "usdPerGbSecond") != null) {
                lambda.put(architecture, new LambdaRate(architecture,
                        number(properties, prefix + "usdPerGbSecond", source),
                        number(properties, prefix + "usdPerMillionRequests", source) / 1_000_000.0,
                        granularityMillis));
            }
        }
        if (!lambda.containsKey("x86_64")) {
            throw new IllegalArgumentException("Missing key lambda.x86_64.usdPerGbSecond in " + source);
        }
        Map<String, Ec2Rate> ec2 = new TreeMap<>();
        long minimumSeconds = (long) number(properties, "ec2.minimumBilledSeconds", source);
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("ec2.") && key.endsWith(EC2_SUFFIX)) {
                String type = key.substring(4, key.length() - EC2_SUFFIX.length());
                ec2.put(type, new Ec2Rate(type, number(properties, key, source), minimumSeconds));
            }
        }
        return new PriceTable(lambda, ec2);
    }

    /** The Lambda rate for x86_64, the default architecture. */
    public LambdaRate lambda() {
        return lambda("x86_64");
    }

    /** The Lambda rate for {@code architecture} ({@code x86_64} or {@code arm64}). */
    public LambdaRate lambda(String architecture) {
        LambdaRate rate = lambdaRates.get(architecture);
        if (rate == null) {
            throw new IllegalArgumentException("No Lambda price for architecture '" + architecture
                    + "'; the price table has: " + lambdaRates.keySet());
        }
        return rate;
    }

    /** The EC2 rate for {@code instanceType}, e.g. {@code c5.large}. */
    public Ec2Rate ec2(String instanceType) {
        Ec2Rate rate = ec2Rates.get(instanceType);
        if (rate == null) {
            throw new IllegalArgumentException("No EC2 price for instance type '" + instanceType
                    + "'; the price table has: " + ec2Rates.keySet()
                    + " (add ec2." + instanceType + EC2_SUFFIX + " to a price table file)");
        }
        return rate;
    }

    /** Instance types with an EC2 price, sorted. */
    public Set<String> ec2InstanceTypes() {
        return ec2Rates.keySet();
    }

    private static Properties bundled() {
        Properties properties = new Properties();
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Bundled price table " + RESOURCE + " is missing from the class path");
            }
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read bundled price table " + RESOURCE + ": " + e.getMessage(), e);
        }
        return properties;
    }

    private static double number(Properties properties, String key, String source) {
        String text = properties.getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException("Missing key " + key + " in " + source);
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + text + "' for key " + key + " in " + source
                    + ": expected a non-negative number", e);
        }
    }
}
