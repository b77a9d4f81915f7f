package dev.cumulus.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.memory.MemoryChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A communication span splits into the time moving data and the time blocked waiting for a peer's key. */
class TimelineWaitTest {
    private final MemoryChannel channel = new MemoryChannel();
    private final Timeline timeline = new Timeline(3, Timeline.nowEpochMicros());

    @Test
    void aSpanWhoseKeyIsAlreadyThereIsAllCommunication() {
        channel.put("k", new byte[] {1});
        try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
            channel.await("k", Duration.ofSeconds(5));
            span.addBytes(1);
        }
        List<TimelineEvent> events = timeline.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).phase()).isEqualTo(Phase.COMMUNICATE);
        assertThat(events.get(0).bytes()).isEqualTo(1);
    }

    @Test
    void theBlockedStretchOfAnAwaitIsWaitAndTheSpanStaysWhole() throws Exception {
        Thread waiter = Thread.currentThread();
        Thread writer = new Thread(() -> {
            // Put only once the worker is parked in its await, so that a wait certainly happens.
            while (waiter.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            channel.put("peer", new byte[] {2});
        });
        writer.start();
        timeline.round(7);
        try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
            channel.put("mine", new byte[] {1});
            channel.await("peer", Duration.ofSeconds(30));
            span.addBytes(2);
        }
        writer.join(TimeUnit.SECONDS.toMillis(30));
        List<TimelineEvent> events = timeline.events();

        assertThat(events).extracting(TimelineEvent::phase).contains(Phase.WAIT);
        assertThat(events).allSatisfy(e -> assertThat(e.round()).isEqualTo(7));
        assertThat(events.stream().filter(e -> e.phase() == Phase.WAIT).mapToLong(TimelineEvent::durationMicros).sum())
                .isPositive();
        assertThat(events.stream().mapToLong(TimelineEvent::bytes).sum()).isEqualTo(2);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).startMicros()).as("contiguous").isEqualTo(events.get(i - 1).endMicros());
            assertThat(events.get(i).phase()).as("phases alternate").isNotEqualTo(events.get(i - 1).phase());
        }
    }

    @Test
    void otherSpansRecordNoWaitEvenWhenTheyAwait() {
        channel.put("k", new byte[] {1});
        try (Timeline.Span span = timeline.start(Phase.LOAD)) {
            channel.await("k", Duration.ofSeconds(5));
        }
        assertThat(timeline.events()).extracting(TimelineEvent::phase).containsExactly(Phase.LOAD);
    }

    @Test
    void waitEventsRoundTripThroughTheCsv() {
        TimelineEvent wait = new TimelineEvent(1, Phase.WAIT, 10, 20, 0, 4);
        assertThat(TimelineEvent.parse(wait.csv())).isEqualTo(wait);
    }
}
