package dev.cumulus.engine.metrics;

import dev.cumulus.channel.meter.WaitRecorder;
import java.util.ArrayList;
import java.util.List;

/**
 * One worker's recorder of timed events.
 *
 * <p>Times are measured against a run-wide origin in wall-clock microseconds, so events recorded
 * by different processes of one run line up in the report.
 */
public final class Timeline {
    private final int worker;
    private final long originMicros;
    private final List<TimelineEvent> events = new ArrayList<>();
    private long round = -1;

    /** @param originEpochMicros the run's start, microseconds since the Unix epoch */
    public Timeline(int worker, long originEpochMicros) {
        this.worker = worker;
        this.originMicros = originEpochMicros;
    }

    public static long nowEpochMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Tags the stretches recorded from now on with a training round (step), until the next call. */
    public void round(long round) {
        this.round = round;
    }

    /**
     * Starts timing a stretch; closing the span records it. A {@link Phase#COMMUNICATE} span records
     * the waits for peers inside it ({@link WaitRecorder}) as {@link Phase#WAIT} and the rest as
     * communication.
     */
    public Span start(Phase phase) {
        return new Span(phase, nowEpochMicros() - originMicros);
    }

    /** Records a stretch whose bounds were measured elsewhere (start-up, measured by the platform). */
    public void record(Phase phase, long startEpochMicros, long endEpochMicros) {
        events.add(new TimelineEvent(worker, phase, startEpochMicros - originMicros, endEpochMicros - originMicros, 0));
    }

    public List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    /** An open stretch of time; {@link #close()} records it. */
    public final class Span implements AutoCloseable {
        private final Phase phase;
        private final long startMicros;
        private final long startNanos = System.nanoTime();
        private final WaitRecorder waits;
        private long bytes;

        private Span(Phase phase, long startMicros) {
            this.phase = phase;
            this.startMicros = startMicros;
            this.waits = phase == Phase.COMMUNICATE ? WaitRecorder.start() : null;
        }

        public void addBytes(long n) {
            bytes += n;
        }

        @Override
        public void close() {
            long endMicros = nowEpochMicros() - originMicros;
            if (waits == null) {
                events.add(new TimelineEvent(worker, phase, startMicros, endMicros, bytes, round));
                return;
            }
            waits.close();
            // The waits in this span's clock: its start plus the nanoseconds since, kept inside the span.
            long cursor = startMicros;
            long unsentBytes = bytes;
            for (int i = 0; i < waits.count(); i++) {
                long from = Math.max(cursor, Math.min(endMicros, startMicros + (waits.startNanos(i) - startNanos) / 1_000));
                long to = Math.max(from, Math.min(endMicros, startMicros + (waits.endNanos(i) - startNanos) / 1_000));
                if (to == from) {
                    continue;
                }
                if (from > cursor) {
                    events.add(new TimelineEvent(worker, Phase.COMMUNICATE, cursor, from, unsentBytes, round));
                    unsentBytes = 0;
                }
                events.add(new TimelineEvent(worker, Phase.WAIT, from, to, 0, round));
                cursor = to;
            }
            if (endMicros > cursor || unsentBytes > 0 || cursor == startMicros) {
                events.add(new TimelineEvent(worker, Phase.COMMUNICATE, cursor, endMicros, unsentBytes, round));
            }
        }
    }
}
