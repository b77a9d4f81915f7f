package dev.cumulus.engine.protocol;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a protocol starts for one run and must stop with it (a parameter server, a peer's store):
 * the driver closes everything registered here when the run ends, however it ends, in the
 * reverse order of registration.
 */
public final class RunResources implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    /** Registers {@code resource} and returns it. */
    public synchronized <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not stop a run's resource: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
