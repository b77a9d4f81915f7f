package dev.cumulus.engine.metrics;

/**
 * One timed stretch of one worker's life, in microseconds since the run started.
 *
 * @param bytes bytes moved through the channel during the stretch (0 for compute)
 * @param round the training round (step) the stretch belongs to, or -1 (start-up, loading)
 */
public record TimelineEvent(int worker, Phase phase, long startMicros, long endMicros, long bytes, long round) {

    public TimelineEvent(int worker, Phase phase, long startMicros, long endMicros, long bytes) {
        this(worker, phase, startMicros, endMicros, bytes, -1);
    }

    public long durationMicros() {
        return endMicros - startMicros;
    }

    /** One CSV line matching {@link #CSV_HEADER}. */
    public String csv() {
        return worker + "," + phase.name().toLowerCase() + "," + startMicros + "," + endMicros + "," + bytes + "," + round;
    }

    public static final String CSV_HEADER = "worker,phase,startMicros,endMicros,bytes,round";

    /** Parses the lines a function wrote (blank lines skipped). */
    public static java.util.List<TimelineEvent> parseAll(String csv) {
        java.util.List<TimelineEvent> events = new java.util.ArrayList<>();
        for (String line : csv.split("\n")) {
            if (!line.isBlank()) {
                events.add(parse(line.trim()));
            }
        }
        return events;
    }

    /** Parses a line produced by {@link #csv()}. */
    public static TimelineEvent parse(String line) {
        String[] f = line.split(",");
        // Timelines written before rounds were recorded have five fields.
        if (f.length != 5 && f.length != 6) {
            throw new IllegalArgumentException("timeline line needs 6 fields: " + line);
        }
        return new TimelineEvent(Integer.parseInt(f[0]), Phase.valueOf(f[1].toUpperCase()),
                Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), f.length == 6 ? Long.parseLong(f[5]) : -1);
    }
}
