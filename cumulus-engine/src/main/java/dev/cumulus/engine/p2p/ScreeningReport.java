package dev.cumulus.engine.p2p;

import dev.cumulus.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The malformed gradients (NaN, infinite, wrong length) a peer dropped, by sender: logged the first
 * time a sender is dropped, kept in the peer's store when it finishes, and put in the run's report
 * as {@code droppedGradients} (the total) and {@code droppedFrom} (rank: count).
 */
final class ScreeningReport {
    private final Map<Integer, Long> bySender = new TreeMap<>();

    /** Counts the round's dropped senders; whether {@code sender} was dropped for the first time. */
    boolean dropped(int sender) {
        return bySender.merge(sender, 1L, Long::sum) == 1;
    }

    long total() {
        return bySender.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String key(PeerKeys keys) {
        return keys.prefix() + "dropped";
    }

    /** Keeps the counts in the peer's store, one {@code rank count} line each. */
    void write(Channel store, PeerKeys keys) {
        StringBuilder text = new StringBuilder();
        bySender.forEach((rank, count) -> text.append(rank).append(' ').append(count).append('\n'));
        store.put(key(keys), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The report entries of the counts a peer kept; none for a peer that kept none (a run before this existed). */
    static Map<String, Object> read(Channel store, PeerKeys keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        store.get(key(keys)).ifPresent(bytes -> {
            Map<Integer, Long> from = new TreeMap<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] parts = line.trim().split(" ");
                    from.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
                }
            }
            out.put("droppedGradients", from.values().stream().mapToLong(Long::longValue).sum());
            out.put("droppedFrom", from);
        });
        return out;
    }
}
