package dev.cumulus.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.protocol.RunProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DisplayTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final StringWriter text = new StringWriter();
    private final PrintWriter err = new PrintWriter(text);

    private static RunProgress at(int epoch, int step) {
        return new RunProgress(epoch, 10, step, 100, 0.5, 20);
    }

    @Test
    void periodicLinesPrintTheFirstReportNewEpochsAndOneLineEveryFiveSeconds() {
        PeriodicLines lines = new PeriodicLines(err, clock::get);
        lines.stage("data: 100 train rows");
        lines.progress(at(0, 1));
        clock.addAndGet(400);
        lines.progress(at(0, 50));   // too soon
        clock.addAndGet(400);
        lines.progress(at(1, 0));    // a new epoch, but less than a second after the last line
        clock.addAndGet(400);
        lines.progress(at(1, 10));   // a new epoch since the last line, a second after it
        clock.addAndGet(4_000);
        lines.progress(at(1, 90));   // same epoch, too soon
        clock.addAndGet(1_000);
        lines.progress(at(1, 95));   // five seconds
        assertThat(text.toString().lines()).hasSize(4).allMatch(l -> l.startsWith("cumulus: "))
                .noneMatch(l -> l.contains("\r") || l.contains("\u001b"));
        assertThat(text.toString().lines().skip(1)).extracting(l -> l.replaceAll(", loss.*", "")).containsExactly(
                "cumulus: epoch 1/10, step 1/100", "cumulus: epoch 2/10, step 10/100",
                "cumulus: epoch 2/10, step 95/100");
    }

    @Test
    void aLongSilenceInALogIsBrokenByALineSayingTheRunIsStillGoing() {
        PeriodicLines lines = new PeriodicLines(err, clock::get);
        lines.stage("data: 100 train rows");
        clock.addAndGet(PeriodicLines.QUIET_MILLIS - 1);
        lines.tick();
        assertThat(text.toString().lines()).hasSize(1);
        clock.addAndGet(1);
        lines.tick();
        lines.tick();
        assertThat(text.toString().lines()).containsExactly("cumulus: data: 100 train rows",
                "cumulus: still going, 0:30 elapsed (last: data: 100 train rows)");
        lines.close();
        clock.addAndGet(PeriodicLines.QUIET_MILLIS);
        lines.tick();
        lines.stage("after the end");
        assertThat(text.toString().lines()).hasSize(2);
    }

    @Test
    void theLiveLineIsRedrawnInPlaceWithStageLinesAboveItAndErasedAtTheEnd() {
        LiveLine line = new LiveLine(err, clock::get, 80);
        line.redraw();
        assertThat(text.toString()).isEqualTo("\r\u001b[Kpreparing, 0:00 elapsed");
        clock.addAndGet(3_000);
        line.stage("invoking 4 functions");
        assertThat(text.toString()).endsWith("\r\u001b[Kcumulus: invoking 4 functions" + System.lineSeparator()
                + "preparing, 0:03 elapsed");
        line.progress(at(4, 50));
        assertThat(text.toString()).endsWith("\r\u001b[Kepoch 5/10, step 50/100, loss 0.5000, 0:03 elapsed, ? left, "
                + "last round 20 ms");
        line.close();
        assertThat(text.toString()).endsWith("\r\u001b[K");
        line.progress(at(5, 0));
        assertThat(text.toString()).endsWith("\r\u001b[K");
    }

    @Test
    void theLiveLineNeverWrapsOnANarrowTerminal() {
        LiveLine line = new LiveLine(err, clock::get, 40);
        line.progress(at(4, 50));
        String drawn = text.toString().substring(text.toString().lastIndexOf('K') + 1);
        assertThat(drawn).isEqualTo("epoch 5/10, step 50/100, loss 0.5000");
        assertThat(LiveLine.fit("a, b, c", 6)).isEqualTo("a, b");
        assertThat(LiveLine.fit("abcdefgh, b", 6)).isEqualTo("abcde");
    }
}
