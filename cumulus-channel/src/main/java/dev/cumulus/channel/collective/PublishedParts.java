package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatSlice;
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
    /** Whether a round has been summed here yet: until then, this worker may be re-entering one (see {@link #alreadyPublished}). */
    private boolean summedBefore;

    PublishedParts(Channel channel, LongFunction<String> directory) {
        this.channel = channel;
        this.directory = directory;
        this.published = new RoundKeys(channel);
    }

    /** The key of summed part {@code part} of {@code round}. */
    String key(long round, int part) {
        return directory.apply(round) + part;
    }

    /**
     * On this worker's first round only: reads the parts of {@code round} that an earlier
     * invocation of it already summed and published, into {@code targets} (one per part), and
     * returns whether every part was there, with its count of floats. A worker re-invoked from a
     * checkpoint older than its last round (killed after publishing round r's sum and before
     * round r's checkpoint was durable) starts again at round r, which the others have finished:
     * they read its sum, went on and replaced their inputs of round r with round r+1's, so summing
     * round r again would wait for inputs that are gone (seen in KilledWorkerTest: ranks 1 and 2
     * waiting for round 212's sum, the re-invoked rank 0 for round 211's inputs, until the time
     * limit). The published sum is the round's result; later rounds are summed as usual.
     */
    boolean alreadyPublished(long round, List<FloatSlice> targets) {
        if (summedBefore) {
            return false;
        }
        summedBefore = true;
        List<String> keys = new ArrayList<>(targets.size());
        for (int p = 0; p < targets.size(); p++) {
            keys.add(key(round, p));
        }
        int[] counts = Futures.join(channel.readFloatsAsync(keys, targets));
        for (int p = 0; p < counts.length; p++) {
            if (counts[p] != targets.get(p).count()) {
                return false;
            }
        }
        return true;
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
