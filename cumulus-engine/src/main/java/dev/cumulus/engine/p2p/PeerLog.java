package dev.cumulus.engine.p2p;

import dev.cumulus.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A peer's decisions, one line each, kept in its own store (the whole text rewritten per line:
 * there are few) so that the driver puts them in the run's log when it collects the model.
 */
final class PeerLog {
    private final Channel store;
    private final String key;
    private final String peer;
    private final List<String> lines = new ArrayList<>();

    /** A log that goes on from the lines a predecessor of the same peer left, if any. */
    PeerLog(Channel store, String key, String peer) {
        this.store = store;
        this.key = key;
        this.peer = peer;
        try {
            lines.addAll(read(store, key));
        } catch (RuntimeException e) {
            // an unreachable store: this peer will find out through its own calls
        }
    }

    synchronized void add(String line) {
        lines.add(peer + ": " + line);
        try {
            store.put(key, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // The log is for people; a peer whose store failed finds out through its own calls.
        }
    }

    /** The lines a peer's store holds, oldest first. */
    static List<String> read(Channel store, String key) {
        return store.get(key).map(b -> List.of(new String(b, StandardCharsets.UTF_8).split("\n"))).orElse(List.of());
    }
}
