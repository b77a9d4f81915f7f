package dev.cumulus.channel.meter;

import java.util.Arrays;

/**
 * The stretches a thread spends blocked because a key it awaits is not there yet: the part of a
 * collective that is waiting for the other workers, as opposed to moving and reducing data. A
 * caller {@link #start()}s a recording on its thread; a store's wait marks each stretch it blocks
 * ({@link #blockedSince}), and nothing is kept on a thread that records nothing.
 *
 * <p>The stores mark: the memory channel, from parking until the put that wakes it; stores that poll,
 * their pauses between reads. Redis's blocking read answers with the value it waited for, so its
 * wait stays with the communication there. A parameter-server pull marks the time the server held
 * it for its round ({@link #blocked}).
 */
public final class WaitRecorder implements AutoCloseable {
    private static final ThreadLocal<WaitRecorder> CURRENT = new ThreadLocal<>();

    private final WaitRecorder previous;
    private long[] stretches = new long[8];
    private int count;

    private WaitRecorder(WaitRecorder previous) {
        this.previous = previous;
    }

    /** Starts recording this thread's waits until {@link #close()}. */
    public static WaitRecorder start() {
        WaitRecorder recorder = new WaitRecorder(CURRENT.get());
        CURRENT.set(recorder);
        return recorder;
    }

    /** Marks a wait from {@code startNanos} ({@link System#nanoTime()}) to now, if this thread records. */
    public static void blockedSince(long startNanos) {
        WaitRecorder recorder = CURRENT.get();
        if (recorder != null) {
            recorder.add(startNanos, System.nanoTime());
        }
    }

    /**
     * Marks a wait measured elsewhere, from {@code startNanos} to {@code endNanos} ({@link System#nanoTime()}),
     * if this thread records: a server that held a request for the other workers says how long.
     */
    public static void blocked(long startNanos, long endNanos) {
        WaitRecorder recorder = CURRENT.get();
        if (recorder != null && endNanos > startNanos) {
            recorder.add(startNanos, endNanos);
        }
    }

    private void add(long startNanos, long endNanos) {
        if (count > 0 && startNanos <= stretches[2 * count - 1]) {
            stretches[2 * count - 1] = Math.max(endNanos, stretches[2 * count - 1]);
            return;
        }
        if (2 * count + 2 > stretches.length) {
            stretches = Arrays.copyOf(stretches, stretches.length * 2);
        }
        stretches[2 * count] = startNanos;
        stretches[2 * count + 1] = endNanos;
        count++;
    }

    /** The number of separate waits recorded, in time order. */
    public int count() {
        return count;
    }

    /** When wait {@code i} began, in {@link System#nanoTime()}. */
    public long startNanos(int i) {
        return stretches[2 * i];
    }

    /** When wait {@code i} ended, in {@link System#nanoTime()}. */
    public long endNanos(int i) {
        return stretches[2 * i + 1];
    }

    /** The waits' total, in nanoseconds. */
    public long totalNanos() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += endNanos(i) - startNanos(i);
        }
        return total;
    }

    /** Stops recording on this thread (the recording stays readable). */
    @Override
    public void close() {
        if (CURRENT.get() == this) {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
