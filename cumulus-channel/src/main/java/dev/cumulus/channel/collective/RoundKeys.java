package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys a worker is done with in one round and deletes in its next one: a reducer's inputs once
 * summed, its published sums once every worker has read them.
 *
 * <p>Why the inputs wait a round: a ScatterReduce owner that deleted its 15 inputs of 640 KB right
 * after summing them, mid-round, while the other owners' replies were being sent, cost Redis about
 * 160 ms of CPU per 16-worker round of 10 MB; deleting them in the next round, 122-125 ms
 * (docs/bench/channels.md, "Round 4").
 */
final class RoundKeys {
    private final Channel channel;
    private long round = Long.MIN_VALUE;
    private List<String> keys = List.of();

    RoundKeys(Channel channel) {
        this.channel = channel;
    }

    /** Records {@code keys} as this worker's of {@code round}, to be deleted in a later round. */
    void record(long round, List<String> keys) {
        this.round = round;
        this.keys = List.copyOf(keys);
    }

    /**
     * Deletes the keys recorded for a round before {@code round}. A worker started afresh has
     * nothing recorded: it deletes what it lists under {@code previousDirectory}, the directory of
     * its keys of round {@code round - 1} (none if null). Keys recorded for {@code round} itself, as
     * when a failed round is run again, stay.
     */
    void deletePrevious(long round, String previousDirectory) {
        List<String> old = new ArrayList<>();
        if (this.round != Long.MIN_VALUE) {
            if (this.round < round) {
                old.addAll(keys);
            }
        } else if (previousDirectory != null && round > 0) {
            old.addAll(channel.list(previousDirectory));
        }
        if (!old.isEmpty()) {
            channel.deleteAll(old);
        }
    }
}
