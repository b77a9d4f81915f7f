package dev.cumulus.engine.p2p;

import dev.cumulus.engine.protocol.BatchSchedule;

/**
 * Which rows of its shard a peer uses at each step of an epoch. With equal shards (an IID split)
 * it is the workers' {@link BatchSchedule}; with shards of unequal size (a Dirichlet split) a peer
 * cycles through its own shard ({@link CyclingBatches}), since the smallest shard may hold a
 * tenth of the largest.
 */
public interface PeerBatches {

    /** Steps in one epoch, the same at every peer. */
    int stepsPerEpoch();

    /** Local row indices of one step. */
    int[] rows(int epoch, int step);

    /** The workers' schedule: steps per epoch set by the smallest shard, the last step taking the rest. */
    static PeerBatches of(BatchSchedule schedule) {
        return new PeerBatches() {
            @Override
            public int stepsPerEpoch() {
                return schedule.stepsPerEpoch();
            }

            @Override
            public int[] rows(int epoch, int step) {
                return schedule.rows(epoch, step);
            }
        };
    }
}
