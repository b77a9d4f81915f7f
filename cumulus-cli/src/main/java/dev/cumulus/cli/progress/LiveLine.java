package dev.cumulus.cli.progress;

import dev.cumulus.engine.protocol.RunProgress;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress on a terminal: one line at the bottom, redrawn in place ({@code \r}, then erase to the
 * end of the line) as reports arrive and once a second so the clock moves. Stage lines are printed
 * above it. Before training reports anything it says the run is preparing, with the time so far.
 */
final class LiveLine implements ProgressDisplay {
    private static final String ERASE_LINE = "\r\u001b[K";
    private static final int DEFAULT_COLUMNS = 80;

    private final PrintWriter err;
    private final LongSupplier clockMillis;
    private final long startMillis;
    private final int columns;
    private final Estimate estimate = new Estimate();
    private Ticker ticker;
    private RunProgress last;
    private boolean closed;

    LiveLine(PrintWriter err, LongSupplier clockMillis, int columns) {
        this.err = err;
        this.clockMillis = clockMillis;
        this.startMillis = clockMillis.getAsLong();
        this.columns = columns;
    }

    /** A live line on {@code err} that redraws itself every second until closed. */
    static LiveLine start(PrintWriter err, LongSupplier clockMillis) {
        LiveLine line = new LiveLine(err, clockMillis, columns());
        line.redraw();
        line.ticker = Ticker.everySecond(line::redraw);
        return line;
    }

    @Override
    public synchronized void stage(String line) {
        if (closed) {
            return;
        }
        err.print(ERASE_LINE);
        err.println("cumulus: " + line);
        draw();
    }

    @Override
    public synchronized void progress(RunProgress progress) {
        last = progress;
        estimate.observe(progress.fraction(), clockMillis.getAsLong());
        redraw();
    }

    synchronized void redraw() {
        if (!closed) {
            err.print(ERASE_LINE);
            draw();
        }
    }

    private void draw() {
        long now = clockMillis.getAsLong();
        String text = last == null ? "preparing, " + ProgressText.duration(now - startMillis) + " elapsed"
                : ProgressText.of(last, now - startMillis, estimate.remainingMillis(now));
        err.print(fit(text, columns));
        err.flush();
    }

    /**
     * The text shortened to less than a terminal's width (a line that wraps cannot be redrawn by
     * {@code \r}): whole trailing parts are dropped first, and only a first part too long is cut.
     */
    static String fit(String text, int columns) {
        String fitted = text;
        while (fitted.length() >= columns && fitted.contains(", ")) {
            fitted = fitted.substring(0, fitted.lastIndexOf(", "));
        }
        return fitted.length() < columns ? fitted : fitted.substring(0, columns - 1);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            err.print(ERASE_LINE);
            err.flush();
        }
        if (ticker != null) {
            ticker.close();
        }
    }

    /** The terminal's width as the shell exports it, else the classic 80. */
    private static int columns() {
        try {
            String value = System.getenv("COLUMNS");
            int n = value == null ? DEFAULT_COLUMNS : Integer.parseInt(value.trim());
            return n >= 20 ? n : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
