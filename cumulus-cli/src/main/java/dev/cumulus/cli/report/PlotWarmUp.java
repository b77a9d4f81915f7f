package dev.cumulus.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.TimelineEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Draws a throw-away pair of charts, the run directory's two kinds, on a background thread while a
 * run trains, so that the charts written at the end find AWT, its fonts, the rasteriser, XChart and
 * the PNG encoder loaded and initialised. In a fresh JVM the first chart took about 450 ms of CPU
 * and the next ones 65 ms (docs/bench/peers.md). {@code train} starts it once training has reported
 * progress for {@link #DELAY} ({@link Schedule}): started with the command, it shared the cores with
 * the parallel CSV reader (a run of 1M rows took 3.18 s instead of 2.90 s without it, medians of 5);
 * started at the first report of a run that trains for a third of a second, it was still drawing
 * when the run drew its own charts, and the run ended later than with no warm-up at all.
 *
 * <p>Nothing is written: the charts go to memory and are dropped. The run's own charts are drawn as
 * before, from its files, and report their own failures.
 */
public final class PlotWarmUp {
    /** How long training reports before the warm-up starts: shorter runs draw their charts cold. */
    public static final Duration DELAY = Duration.ofSeconds(1);

    private PlotWarmUp() {
    }

    /**
     * Starts the warm-up at the first progress report {@link #DELAY} or more after the first one; a
     * run that ends sooner never starts it. Thread-safe; the warm-up starts at most once.
     */
    public static final class Schedule {
        private final long delayNanos;
        private final Runnable start;
        private long firstNanos;
        private boolean seen;
        private boolean started;

        public Schedule() {
            this(DELAY, PlotWarmUp::start);
        }

        Schedule(Duration delay, Runnable start) {
            this.delayNanos = delay.toNanos();
            this.start = start;
        }

        /** A progress report at {@code nowNanos} ({@link System#nanoTime}). */
        public void reported(long nowNanos) {
            synchronized (this) {
                if (!seen) {
                    seen = true;
                    firstNanos = nowNanos;
                }
                if (started || nowNanos - firstNanos < delayNanos) {
                    return;
                }
                started = true;
            }
            start.run();
        }
    }

    /** Starts the warm-up on a daemon thread (it never keeps the JVM alive) and returns that thread. */
    public static Thread start() {
        Thread thread = new Thread(PlotWarmUp::drawAndDrop, "cumulus-plot-warm-up");
        thread.setDaemon(true);
        // Below the run's threads: it should take the core the run leaves idle, not one it needs.
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** Draws one loss chart and one breakdown chart to PNG bytes, and returns their total size. */
    static int drawAndDrop() {
        try {
            // As the commands that draw charts do: no display is needed, none is looked for.
            System.setProperty("java.awt.headless", "true");
            List<EpochRecord> curve = List.of(new EpochRecord(1, 0.69, 0.5), new EpochRecord(2, 0.6, 1.0));
            byte[] loss = Plots.png(Plots.loss(curve, new ObjectMapper().readTree(
                    "{\"trainLoss\": 0.6, \"testLoss\": 0.61, \"testAccuracy\": 0.7}")));
            byte[] breakdown = Plots.png(Plots.breakdown(PhaseTimes.of(List.of(
                    new TimelineEvent(0, Phase.STARTUP, 0, 1_000, 0),
                    new TimelineEvent(0, Phase.COMPUTE, 1_000, 5_000, 0),
                    new TimelineEvent(1, Phase.COMMUNICATE, 0, 2_000, 100)))));
            return loss.length + breakdown.length;
        } catch (IOException | RuntimeException | LinkageError | java.awt.AWTError e) {
            // Only a head start is lost: the run's own charts are drawn the same way and report
            // whatever failed here with the run directory's name.
            return 0;
        }
    }
}
