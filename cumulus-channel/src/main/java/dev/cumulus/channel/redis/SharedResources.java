package dev.cumulus.channel.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.concurrent.TimeUnit;

/**
 * The event loops and timers that every Redis channel of this JVM shares. Lettuce gives each
 * client its own (two I/O threads and two computation threads per client on a 2-core machine);
 * with N workers as threads of one JVM, N channels then ran 4N threads that fought for the same
 * cores on every wake-up. Shared, and released when the last channel closes.
 */
final class SharedResources {
    private static ClientResources resources;
    private static int users;

    private SharedResources() {
    }

    static synchronized ClientResources acquire() {
        if (users++ == 0) {
            resources = DefaultClientResources.create();
        }
        return resources;
    }

    static synchronized void release() {
        if (--users == 0) {
            ClientResources last = resources;
            resources = null;
            last.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
