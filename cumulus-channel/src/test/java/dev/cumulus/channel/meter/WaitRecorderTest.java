package dev.cumulus.channel.meter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.PollingWait;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitRecorderTest {
    /** A key that appears on the third read. */
    private static byte[] pollThrice() {
        AtomicInteger reads = new AtomicInteger();
        return new PollingWait(Duration.ofMillis(2)).await("store", "k", Duration.ofSeconds(30),
                () -> reads.incrementAndGet() < 3 ? Optional.empty() : Optional.of(new byte[] {1}));
    }

    @Test
    void aPollingStoresPausesAreRecordedAsWaits() {
        try (WaitRecorder recorder = WaitRecorder.start()) {
            pollThrice();
            assertThat(recorder.count()).as("one wait per pause").isEqualTo(2);
            assertThat(recorder.totalNanos()).isPositive();
            for (int i = 0; i < recorder.count(); i++) {
                assertThat(recorder.endNanos(i)).isGreaterThanOrEqualTo(recorder.startNanos(i));
            }
        }
    }

    @Test
    void waitsOutsideARecordingAreNotKept() {
        pollThrice();
        try (WaitRecorder recorder = WaitRecorder.start()) {
            assertThat(recorder.count()).isZero();
        }
    }

    @Test
    void anInnerRecordingHandsTheThreadBackToTheOuterOne() {
        try (WaitRecorder outer = WaitRecorder.start()) {
            try (WaitRecorder inner = WaitRecorder.start()) {
                pollThrice();
                assertThat(inner.count()).isEqualTo(2);
            }
            assertThat(outer.count()).isZero();
            pollThrice();
            assertThat(outer.count()).isEqualTo(2);
        }
    }

    @Test
    void overlappingStretchesAreMergedIntoOneWait() {
        try (WaitRecorder recorder = WaitRecorder.start()) {
            long start = System.nanoTime();
            WaitRecorder.blockedSince(start);
            WaitRecorder.blockedSince(start);
            assertThat(recorder.count()).isEqualTo(1);
        }
    }
}
