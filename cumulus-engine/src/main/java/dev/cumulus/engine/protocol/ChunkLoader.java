package dev.cumulus.engine.protocol;

import dev.cumulus.channel.Channel;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import java.time.Duration;

/** Reads a staged chunk from the channel, timing it as data loading. */
public final class ChunkLoader {
    private static final Duration STAGING_WAIT = Duration.ofSeconds(60);

    private ChunkLoader() {
    }

    public static Dataset load(Channel channel, RunKeys keys, int chunk, Timeline timeline) {
        try (Timeline.Span span = timeline.start(Phase.LOAD)) {
            // Only decoded, never changed: an in-memory store may hand over its own array.
            byte[] bytes = channel.awaitShared(keys.chunk(chunk), STAGING_WAIT);
            span.addBytes(bytes.length);
            return ChunkCodec.decode(bytes);
        }
    }
}
