package dev.cumulus.sim.cost;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kind of storage a channel is, as far as time and price go: the scheme of a channel URI. */
public enum Store {
    MEMORY("memory:", true),
    FILE("file:", true),
    REDIS("redis://", false),
    MEMCACHED("memcached://", false),
    S3("s3://", false),
    DYNAMODB("dynamodb://", false);

    private final String scheme;
    private final boolean local;

    Store(String scheme, boolean local) {
        this.scheme = scheme;
        this.local = local;
    }

    /** The lower-case name used on the command line and in files, such as {@code s3}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the store lives on one machine (memory: one JVM; file: one file system), not in a cloud. */
    public boolean local() {
        return local;
    }

    /** The store a channel URI ({@code rediss://} counts as Redis) or a label names. */
    public static Store of(String uriOrLabel) {
        String text = uriOrLabel.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("rediss://")) {
            return REDIS;
        }
        for (Store s : values()) {
            if (text.startsWith(s.scheme) || text.equals(s.label())) {
                return s;
            }
        }
        throw new IllegalArgumentException("Invalid store '" + uriOrLabel + "': expected one of "
                + Arrays.stream(values()).map(Store::label).collect(Collectors.joining(", "))
                + " or a channel URI");
    }
}
