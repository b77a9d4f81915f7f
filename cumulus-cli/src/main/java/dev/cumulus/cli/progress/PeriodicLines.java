package dev.cumulus.cli.progress;

import dev.cumulus.engine.protocol.RunProgress;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress in a log (CI, a file, a test): whole lines, each starting {@code cumulus: }, no control
 * characters. A report is printed when it is the first, when it starts a new epoch at least a
 * second after the last line, or when {@link #INTERVAL_MILLIS} have passed; the rest are dropped,
 * so a fast run does not flood the log. When nothing at all has been printed for
 * {@link #QUIET_MILLIS} (a long data load, slow cold starts), a line says the run is still going,
 * so a slow run still shows it is alive.
 */
final class PeriodicLines implements ProgressDisplay {
    static final long INTERVAL_MILLIS = 5_000;
    static final long MIN_EPOCH_INTERVAL_MILLIS = 1_000;
    static final long QUIET_MILLIS = 30_000;

    private final PrintWriter err;
    private final LongSupplier clockMillis;
    private final long startMillis;
    private final Estimate estimate = new Estimate();
    private Ticker ticker;
    private long lastLineMillis;
    private long lastReportMillis;
    private int lastReportedEpoch = -1;
    private String lastStage = "starting";
    private boolean closed;

    PeriodicLines(PrintWriter err, LongSupplier clockMillis) {
        this.err = err;
        this.clockMillis = clockMillis;
        this.startMillis = clockMillis.getAsLong();
        this.lastLineMillis = startMillis;
    }

    /** Periodic lines on {@code err}, with a check every second for a long silence, until closed. */
    static PeriodicLines start(PrintWriter err, LongSupplier clockMillis) {
        PeriodicLines lines = new PeriodicLines(err, clockMillis);
        lines.ticker = Ticker.everySecond(lines::tick);
        return lines;
    }

    @Override
    public synchronized void stage(String line) {
        lastStage = line;
        print(line);
    }

    @Override
    public synchronized void progress(RunProgress progress) {
        long now = clockMillis.getAsLong();
        estimate.observe(progress.fraction(), now);
        if (due(progress.epoch(), now)) {
            lastReportMillis = now;
            lastReportedEpoch = progress.epoch();
            print(ProgressText.of(progress, now - startMillis, estimate.remainingMillis(now)));
        }
    }

    /** Says the run is still going if nothing was printed for {@link #QUIET_MILLIS}. */
    synchronized void tick() {
        long now = clockMillis.getAsLong();
        if (!closed && now - lastLineMillis >= QUIET_MILLIS) {
            print("still going, " + ProgressText.duration(now - startMillis) + " elapsed (last: " + lastStage + ")");
        }
    }

    private boolean due(int epoch, long now) {
        long since = now - lastReportMillis;
        return lastReportedEpoch < 0 || since >= INTERVAL_MILLIS
                || (epoch != lastReportedEpoch && since >= MIN_EPOCH_INTERVAL_MILLIS);
    }

    private void print(String line) {
        if (closed) {
            return;
        }
        lastLineMillis = clockMillis.getAsLong();
        err.println("cumulus: " + line);
        err.flush();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (ticker != null) {
            ticker.close();
        }
    }
}
