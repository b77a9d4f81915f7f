package dev.cumulus.engine.p2p;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelOptions;
import dev.cumulus.channel.Channels;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stores one peer has open, by rank: its own (owned by its function) and the other peers',
 * which it opens and closes itself.
 */
final class PeerChannels implements AutoCloseable {
    private final int self;
    private final ChannelOptions otherOptions;
    private final Map<Integer, Channel> stores = new TreeMap<>();
    private final Map<Integer, String> uris = new TreeMap<>();

    /**
     * Requests to another peer's store fail after at most half the exclusion time and are not
     * retried: the wait loop asks again anyway, and an unreachable store must not hold it past the
     * point where its peer is to be excluded.
     */
    PeerChannels(int self, Channel own, String ownUri, long exclusionMillis) {
        this.self = self;
        this.otherOptions = ChannelOptions.DEFAULTS
                .withOperationTimeout(Duration.ofMillis(Math.max(100, Math.min(2_000, exclusionMillis / 2)))).withAttempts(1);
        stores.put(self, own);
        uris.put(self, ownUri);
    }

    /** Opens peer {@code q}'s store if it is not open yet; whether it is open. */
    boolean open(int q, String uri) {
        if (stores.containsKey(q)) {
            return true;
        }
        try {
            stores.put(q, Channels.open(PeerStores.as(uri, self), otherOptions));
            uris.put(q, uri);
            return true;
        } catch (ChannelException e) {
            return false;
        }
    }

    Channel get(int q) {
        return stores.get(q);
    }

    /** Peer {@code q}'s store URI while it is open, else null. */
    String uri(int q) {
        return uris.get(q);
    }

    /**
     * Whether the store at {@code uri} answers and holds {@code key}: a probe that opens the store
     * with the short time-out of other peers' stores, reads once and closes it again.
     */
    boolean holds(String uri, String key) {
        try (Channel store = Channels.open(uri, otherOptions)) {
            return store.get(key).isPresent();
        } catch (ChannelException e) {
            return false;
        }
    }

    /** Closes peer {@code q}'s store: a client of a dead server would keep reconnecting. */
    void drop(int q) {
        Channel store = stores.remove(q);
        uris.remove(q);
        if (store != null && q != self) {
            try {
                store.close();
            } catch (RuntimeException e) {
                // closing a failed store may fail too; it is no longer used either way
            }
        }
    }

    /** The store URIs of the live peers, by rank. */
    Map<Integer, String> uris(Membership members) {
        Map<Integer, String> live = new TreeMap<>();
        members.live().forEach(q -> live.put(q, uris.get(q)));
        return live;
    }

    @Override
    public void close() {
        for (Map.Entry<Integer, Channel> store : stores.entrySet()) {
            if (store.getKey() != self) {
                store.getValue().close();
            }
        }
    }
}
