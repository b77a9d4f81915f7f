package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The summed parts one worker publishes each round (AllReduce's reducer, a ScatterReduce owner),
 * under {@code directory(round) + PART}, and the deleting of the previous round's once every
 * worker has read them.
 */
final class PublishedParts {
    private final Channel channel;
    private final LongFunction<String> directory;
    private final RoundKeys published;

    PublishedParts(Channel channel, LongFunction<String> directory) {
        this.channel = channel;
        this.directory = directory;
        this.published = new RoundKeys(channel);
    }

    /** The key of summed part {@code part} of {@code round}. */
    String key(long round, int part) {
        return directory.apply(round) + part;
    }

    /** Records that {@code round} ended with {@code parts} parts published. */
    void published(long round, int parts) {
        List<String> keys = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            keys.add(key(round, p));
        }
        published.record(round, keys);
    }

    /**
     * Deletes the parts of the round before {@code round}: those recorded, or, for a worker
     * started afresh that does not know the previous round's part count, those listed.
     */
    void deletePrevious(long round) {
        published.deletePrevious(round, previous -> channel.list(directory.apply(previous)));
    }
}
