package dev.cumulus.channel.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.concurrent.TimeUnit;

/**
 * The event loops and timers that every Redis channel of this JVM shares. Lettuce gives each
 * client its own (two I/O threads and two computation threads per client on a 2-core machine);
 * with N workers as threads of one JVM, N channels then ran 4N threads that fought for the same
 * cores on every wake-up. Shared, and released when the last user releases them; other Redis
 * clients of the same JVM (the benchmark's raw reference) take them here too.
 */
public final class SharedResources {
    private static ClientResources resources;
    private static int users;

    private SharedResources() {
    }

    /** The shared resources, created by the first caller; every call must be paired with {@link #release}. */
    public static synchronized ClientResources acquire() {
        if (users++ == 0) {
            resources = DefaultClientResources.create();
        }
        return resources;
    }

    /** Gives back one {@link #acquire}; the last one shuts the event loops down. */
    public static synchronized void release() {
        if (--users == 0) {
            ClientResources last = resources;
            resources = null;
            last.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
