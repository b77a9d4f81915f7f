package dev.cumulus.engine.p2p;

import dev.cumulus.engine.job.JobSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which store each peer owns: the job's {@code p2p.stores} when set; otherwise a {@code memory:}
 * store named after the run and the peer (functions on threads), a directory beside the run's
 * for a {@code file:} channel (functions in processes), or else the run's own channel shared by
 * every peer under per-peer keys.
 */
final class PeerStores {
    private PeerStores() {
    }

    /** The store URI of every peer, by rank. */
    static List<String> of(String runId, JobSpec job, P2pSettings settings) {
        if (!settings.stores().isEmpty()) {
            return settings.stores();
        }
        String run = runChannel(runId, job);
        List<String> stores = new ArrayList<>(settings.peers());
        for (int p = 0; p < settings.peers(); p++) {
            if (run.startsWith("memory:")) {
                stores.add("memory:run-" + runId + "-peer-" + p);
            } else if (run.startsWith("file:")) {
                stores.add(run + "/p2p-" + runId + "-peer-" + p);
            } else {
                stores.add(run);
            }
        }
        return stores;
    }

    /** The run's channel as the driver opens it (a private {@code memory:} named after the run, as the driver names it). */
    static String runChannel(String runId, JobSpec job) {
        return job.privateMemoryChannel() ? "memory:run-" + runId : job.channel();
    }

    /**
     * {@code uri} as peer {@code rank} opens it: {@code {rank}} replaced by its rank, so that one
     * list of stores names each peer's own ACL user, such as {@code redis://peer-{rank}:...@db1:6379}.
     */
    static String as(String uri, int rank) {
        return uri.replace(PeerAuthSettings.RANK, Integer.toString(rank));
    }

    /** Whether the peers have stores of their own rather than the run's channel. */
    static boolean separate(String runId, JobSpec job, P2pSettings settings) {
        return !of(runId, job, settings).get(0).equals(runChannel(runId, job));
    }
}
