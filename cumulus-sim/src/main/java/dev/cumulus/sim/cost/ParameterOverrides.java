package dev.cumulus.sim.cost;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Model parameters given by hand, as a properties file ({@code cumulus cost --parameters FILE}): any of
 * {@link #keys()}, each replacing one default, such as {@code channels.s3.latencySeconds=0.02} or
 * {@code vms.bootSeconds=60}. An unknown key, an empty or non-numeric value, or one out of range is refused
 * with the key and the file named.
 */
public final class ParameterOverrides {
    private static final List<String> CHANNEL_FIELDS = List.of("latencySeconds", "bytesPerSecond",
            "aggregateBytesPerSecond", "requestsInFlight", "aggregateRequestsPerSecond");

    /** The parameter server's keys: {@code ps.latencySeconds} and the other channel fields. */
    private static final String PS = "ps.";

    private ParameterOverrides() {
    }

    /** Every key a parameter file may set. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>(List.of("computeSecondsPerRow", "driverSeconds", "loadBytesPerSecond",
                "functions.coldStartSeconds", "functions.burstFunctions", "functions.functionsPerSecond",
                "functions.fullCoreMemoryMb", "functions.hostCores", "vms.bootSeconds", "vms.latencySeconds",
                "vms.bytesPerSecond", "vms.loadBytesPerSecond"));
        for (Store s : Store.values()) {
            for (String f : CHANNEL_FIELDS) {
                keys.add("channels." + s.label() + "." + f);
            }
        }
        for (String f : CHANNEL_FIELDS) {
            keys.add(PS + f);
        }
        return keys;
    }

    /**
     * {@code base} with every key of the properties file {@code file} applied.
     *
     * @throws IllegalArgumentException naming the file if it is missing or unreadable, and the key if a value
     *     is bad
     */
    public static ModelParameters load(ModelParameters base, java.nio.file.Path file) {
        Properties properties = new Properties();
        try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(file,
                java.nio.charset.StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("Parameter file " + file + " does not exist", e);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot read parameter file " + file + ": " + e.getMessage(), e);
        }
        return apply(base, properties, "parameter file " + file);
    }

    /** {@code base} with every key of {@code properties} applied; {@code source} names them in errors. */
    public static ModelParameters apply(ModelParameters base, Properties properties, String source) {
        TreeSet<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(keys());
        if (!unknown.isEmpty()) {
            throw new InvalidParameterException(unknown.first(), "Unknown parameter " + unknown.first() + " in "
                    + source + "; known: " + String.join(", ", keys()));
        }
        Values v = new Values(properties, source);
        try {
            FunctionParameters f = base.functions();
            FunctionParameters functions = new FunctionParameters(
                    v.get("functions.coldStartSeconds", f.coldStartSeconds()),
                    v.get("functions.burstFunctions", f.burstFunctions()),
                    v.get("functions.functionsPerSecond", f.functionsPerSecond()),
                    v.get("functions.fullCoreMemoryMb", f.fullCoreMemoryMb()),
                    v.whole("functions.hostCores", f.hostCores()));
            VmParameters m = base.vms();
            VmParameters vms = new VmParameters(v.get("vms.bootSeconds", m.bootSeconds()),
                    v.get("vms.latencySeconds", m.latencySeconds()), v.get("vms.bytesPerSecond", m.bytesPerSecond()),
                    v.get("vms.loadBytesPerSecond", m.loadBytesPerSecond()));
            Map<Store, ChannelParameters> channels = new EnumMap<>(Store.class);
            for (Store s : Store.values()) {
                channels.put(s, channel(v, "channels." + s.label() + ".", base.channel(s)));
            }
            ChannelParameters server = channel(v, PS, base.parameterServer());
            return new ModelParameters(v.get("computeSecondsPerRow", base.computeSecondsPerRow()),
                    v.get("driverSeconds", base.driverSeconds()), v.get("loadBytesPerSecond", base.loadBytesPerSecond()),
                    functions, vms, channels, server);
        } catch (InvalidParameterException e) {
            throw e.getMessage().contains(source) ? e
                    : new InvalidParameterException(e.field(), e.getMessage() + " (in " + source + ")");
        }
    }

    /** The channel fields under {@code prefix}, each defaulting to {@code c}'s. */
    private static ChannelParameters channel(Values v, String prefix, ChannelParameters c) {
        try {
            return new ChannelParameters(v.get(prefix + "latencySeconds", c.latencySeconds()),
                    v.get(prefix + "bytesPerSecond", c.bytesPerSecond()),
                    v.get(prefix + "aggregateBytesPerSecond", c.aggregateBytesPerSecond()),
                    v.whole(prefix + "requestsInFlight", c.requestsInFlight()),
                    v.get(prefix + "aggregateRequestsPerSecond", c.aggregateRequestsPerSecond()));
        } catch (InvalidParameterException e) {
            if (e.field().startsWith(prefix)) {
                throw e;
            }
            // ChannelParameters names its field alone; the key has the store in front.
            throw new InvalidParameterException(prefix + e.field(),
                    e.getMessage().replace(e.field(), prefix + e.field()));
        }
    }

    /** Reads values by key: a missing key keeps the default, a non-numeric one is refused by name. */
    private static final class Values {
        private final Properties properties;
        private final String source;

        Values(Properties properties, String source) {
            this.properties = properties;
            this.source = source;
        }

        double get(String key, double fallback) {
            String text = properties.getProperty(key);
            if (text == null) {
                return fallback;
            }
            return Check.parse(key, text, source);
        }

        int whole(String key, int fallback) {
            double value = get(key, fallback);
            if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
                throw new InvalidParameterException(key, "Invalid value '" + properties.getProperty(key) + "' for "
                        + key + " in " + source + ": expected a whole number");
            }
            return (int) value;
        }
    }
}
