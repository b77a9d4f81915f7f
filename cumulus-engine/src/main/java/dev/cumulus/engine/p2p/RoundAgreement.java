package dev.cumulus.engine.p2p;

import dev.cumulus.channel.ChannelAccessException;
import dev.cumulus.channel.ChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;

/**
 * How the peers of a round agree on whose gradients it combines, when a store dies while they read
 * it: one peer may have read the dying store's gradient and another not, and their models would
 * differ from then on.
 *
 * <p>After gathering, each peer puts the ranks it gathered (its <em>seen set</em>) in its own store,
 * and waits for the seen sets of the peers it gathered from. A gradient it holds is dropped from the
 * round when another peer's seen set lacks it <em>and</em> its owner's store now fails this peer's
 * probe (or its heartbeat is gone). Every survivor of a store's death decides alike: a peer that
 * missed the gradient never had it, and one that had it sees the other's seen set (published only
 * after that peer gave up on the dead store) and then finds the store dead too. A seen set that
 * cannot be read (its store died as well) is no evidence either way and is ignored, so that two
 * peers never decide on different evidence about the same gradient; the probe means a seen set
 * cannot drop the gradient of a peer whose store still serves (a lying or partitioned peer can
 * only drop what is unreachable anyway).
 */
final class RoundAgreement {
    private RoundAgreement() {
    }

    /** The ranks {@code self} gathered, as its seen set's value: "seen" then one rank a line. */
    static byte[] encode(Collection<Integer> ranks) {
        StringBuilder text = new StringBuilder("seen\n");
        new TreeSet<>(ranks).forEach(rank -> text.append(rank).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A seen set, or empty if {@code value} is not one (then it is no evidence). */
    static Optional<Set<Integer>> decode(byte[] value) {
        String[] lines = new String(value, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals("seen")) {
            return Optional.empty();
        }
        Set<Integer> ranks = new TreeSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].matches("[0-9]{1,9}")) {
                return Optional.empty();
            }
            ranks.add(Integer.parseInt(lines[i]));
        }
        return Optional.of(ranks);
    }

    /**
     * The gradients {@code self} holds that some other peer's seen set lacks (the seen set of the
     * gradient's own peer aside): the ones to probe before the round is combined. Pure.
     *
     * @param held the ranks whose gradients {@code self} gathered
     * @param seen the seen sets {@code self} could read, by the rank that published each
     */
    static SortedSet<Integer> disputed(int self, Set<Integer> held, Map<Integer, Set<Integer>> seen) {
        SortedSet<Integer> disputed = new TreeSet<>();
        for (int x : held) {
            if (x == self) {
                continue;
            }
            for (Map.Entry<Integer, Set<Integer>> vote : seen.entrySet()) {
                if (vote.getKey() != x && !vote.getValue().contains(x)) {
                    disputed.add(x);
                    break;
                }
            }
        }
        return disputed;
    }

    /** What the wait for the others' seen sets needs from the peer's stores. */
    interface SeenSets {
        /**
         * Peer {@code q}'s seen set of the round, waited for at most {@code slice} without holding
         * the caller: null if it did not come in time; a store that fails fails the future with a
         * {@link ChannelException}.
         */
        CompletableFuture<byte[]> await(int q, Duration slice);

        /** Whether peer {@code q}'s heartbeat is in its store (false if the store fails). */
        boolean beats(int q);
    }

    /**
     * The seen sets of {@code peers}, each waited for while its peer beats, until its store fails,
     * or until {@code deadlineMillis}: a peer still gathering (waiting out another's exclusion)
     * publishes late, and its seen set is the one that matters. Every pending seen set is waited
     * for at once, so the caller wakes when the last comes rather than once per peer in turn.
     */
    static Map<Integer, Set<Integer>> collect(Collection<Integer> peers, SeenSets stores, Duration slice,
                                              long exclusionMillis, long deadlineMillis) {
        Map<Integer, Set<Integer>> seen = new TreeMap<>();
        Map<Integer, Long> silentSince = new TreeMap<>();
        List<Integer> pending = new ArrayList<>(peers);
        while (!pending.isEmpty() && System.currentTimeMillis() <= deadlineMillis) {
            Map<Integer, CompletableFuture<byte[]>> waits = new TreeMap<>();
            for (int q : pending) {
                waits.put(q, stores.await(q, slice));
            }
            for (Integer q : List.copyOf(pending)) {
                byte[] value;
                try {
                    value = RoundGather.join(waits.get(q));
                } catch (ChannelException e) {
                    // A read that failed is evidence of nothing until the store fails the probe too:
                    // an answer late on a loaded host must not count as a dead store's silence.
                    if (e instanceof ChannelAccessException || !stores.beats(q)) {
                        pending.remove(q); // its store failed: no evidence
                    }
                    continue;
                }
                if (value != null) {
                    decode(value).ifPresent(ranks -> seen.put(q, ranks));
                    pending.remove(q);
                    continue;
                }
                long now = System.currentTimeMillis();
                if (stores.beats(q)) {
                    silentSince.remove(q);
                } else if (now - silentSince.computeIfAbsent(q, k -> now) > exclusionMillis) {
                    pending.remove(q);
                }
            }
        }
        return seen;
    }

    /** The disputed gradients to drop: those whose peer's store fails {@code reachable} now. */
    static SortedSet<Integer> dropped(SortedSet<Integer> disputed, IntPredicate reachable) {
        SortedSet<Integer> dropped = new TreeSet<>();
        for (int x : disputed) {
            if (!reachable.test(x)) {
                dropped.add(x);
            }
        }
        return dropped;
    }
}
