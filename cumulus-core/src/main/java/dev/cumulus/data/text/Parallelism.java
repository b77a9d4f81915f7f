package dev.cumulus.data.text;

/**
 * How a text file is parsed in parallel: into ranges of about {@code rangeBytes} (each ends at a
 * line end), parsed by up to {@code threads} threads.
 *
 * @param threads parsing threads, at least 1
 * @param rangeBytes target bytes per range, at least 1 (a range holds whole lines, so it can be longer)
 */
public record Parallelism(int threads, long rangeBytes) {
    /** Ranges of 8 MiB: large enough to amortise a task, small enough to spread over the cores. */
    public static final long DEFAULT_RANGE_BYTES = 8L << 20;

    public Parallelism {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (rangeBytes < 1) {
            throw new IllegalArgumentException("rangeBytes must be at least 1, got " + rangeBytes);
        }
    }

    /** One thread per available core, {@link #DEFAULT_RANGE_BYTES} per range. */
    public static Parallelism defaults() {
        return new Parallelism(Runtime.getRuntime().availableProcessors(), DEFAULT_RANGE_BYTES);
    }
}
