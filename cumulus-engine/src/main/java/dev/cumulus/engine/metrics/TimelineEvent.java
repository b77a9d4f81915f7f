package dev.cumulus.engine.metrics;

/**
 * One timed stretch of one worker's life, in microseconds since the run started.
 *
 * @param bytes bytes moved through the channel during the stretch (0 for compute)
 */
public record TimelineEvent(int worker, Phase phase, long startMicros, long endMicros, long bytes) {

    public long durationMicros() {
        return endMicros - startMicros;
    }

    /** One CSV line matching {@link #CSV_HEADER}. */
    public String csv() {
        return worker + "," + phase.name().toLowerCase() + "," + startMicros + "," + endMicros + "," + bytes;
    }

    public static final String CSV_HEADER = "worker,phase,startMicros,endMicros,bytes";

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
        if (f.length != 5) {
            throw new IllegalArgumentException("timeline line needs 5 fields: " + line);
        }
        return new TimelineEvent(Integer.parseInt(f[0]), Phase.valueOf(f[1].toUpperCase()),
                Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
    }
}
