package dev.cumulus.engine.checkpoint;

import dev.cumulus.channel.Channel;
import dev.cumulus.engine.protocol.RunKeys;
import java.util.Optional;

/**
 * Where checkpoints live in a run's channel, and which one a resuming worker starts from.
 *
 * <p>Under BSP every worker holds the same model after a round, so rank 0 alone writes a shared
 * checkpoint after every round; a worker handing over to its successor also writes its own. A
 * resuming worker takes whichever is further along.
 */
public final class Checkpoints {
    private final Channel channel;
    private final RunKeys keys;

    public Checkpoints(Channel channel, RunKeys keys) {
        this.channel = channel;
        this.keys = keys;
    }

    public void writeShared(Checkpoint checkpoint) {
        channel.put(keys.sharedCheckpoint(), checkpoint.encode());
    }

    public void writeOwn(int rank, Checkpoint checkpoint) {
        channel.put(keys.checkpoint(rank), checkpoint.encode());
    }

    /** The most advanced checkpoint this rank may resume from, if any was written. */
    public Optional<Checkpoint> latest(int rank) {
        Optional<Checkpoint> own = channel.get(keys.checkpoint(rank)).map(Checkpoint::decode);
        Optional<Checkpoint> shared = channel.get(keys.sharedCheckpoint()).map(Checkpoint::decode);
        if (own.isEmpty()) {
            return shared;
        }
        if (shared.isEmpty()) {
            return own;
        }
        return own.get().round() >= shared.get().round() ? own : shared;
    }
}
