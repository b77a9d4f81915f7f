package dev.cumulus.runtime.local;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Idle containers kept warm, keyed by function name and memory size, each discarded once it has been idle
 * longer than the expiry. The most recently used container is reused first, which keeps the others
 * expiring, as FaaS services do. Thread-safe; closing happens outside the lock.
 */
public final class WarmPool {

    /** What makes two containers interchangeable. */
    public record Key(String functionName, int memoryMb) {
        public Key {
            Objects.requireNonNull(functionName, "functionName");
        }

        // Written out: a record's own equals and hashCode bootstrap through method handles at their
        // first call, which spun about 25 classes in every run that started a container.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && other.memoryMb == memoryMb && other.functionName.equals(functionName);
        }

        @Override
        public int hashCode() {
            return 31 * functionName.hashCode() + memoryMb;
        }
    }

    private record Idle(Container container, long idleSinceNanos) {
    }

    private final long expiryNanos;
    private final Map<Key, Deque<Idle>> idle = new HashMap<>();
    private boolean closed;

    public WarmPool(Duration expiry) {
        this.expiryNanos = expiry.toNanos();
    }

    /** A warm container for {@code key}, or null if none is warm. */
    public Container take(Key key) {
        List<Container> expired = new ArrayList<>();
        Container found = null;
        synchronized (this) {
            Deque<Idle> queue = idle.get(key);
            long now = System.nanoTime();
            while (queue != null && !queue.isEmpty() && found == null) {
                Idle candidate = queue.pollLast();
                if (now - candidate.idleSinceNanos() <= expiryNanos && candidate.container().reusable()) {
                    found = candidate.container();
                } else {
                    expired.add(candidate.container());
                }
            }
        }
        expired.forEach(Container::close);
        return found;
    }

    /** Keeps {@code container} warm for {@code key}; closes it instead if the pool is closed. */
    public void put(Key key, Container container) {
        synchronized (this) {
            if (!closed) {
                idle.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(new Idle(container, System.nanoTime()));
                return;
            }
        }
        container.close();
    }

    /** Closes every container idle longer than the expiry. */
    public void evictExpired() {
        List<Container> expired = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            for (Deque<Idle> queue : idle.values()) {
                for (Iterator<Idle> it = queue.iterator(); it.hasNext();) {
                    Idle candidate = it.next();
                    if (now - candidate.idleSinceNanos() > expiryNanos) {
                        expired.add(candidate.container());
                        it.remove();
                    }
                }
            }
        }
        expired.forEach(Container::close);
    }

    /** Containers currently warm. */
    public synchronized int size() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    /** Closes every idle container and refuses further ones. */
    public void close() {
        List<Container> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(queue -> queue.forEach(i -> all.add(i.container())));
            idle.clear();
        }
        all.forEach(Container::close);
    }
}
