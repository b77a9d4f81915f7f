package dev.cumulus.engine.p2p;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.protocol.RunKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * How a peer collects a round's gradients from the live peers' stores: waits of at most one
 * heartbeat interval on every missing peer's store at once (each gradient read in the same round
 * trip as its mark), and between them the exclusion of peers that went silent (heartbeat expired,
 * store unreachable) or missed the round's time-out; then the agreement with the other peers on
 * which of the gradients the round combines ({@link RoundAgreement}).
 */
final class RoundGather {
    /** The longest pause after a pass in which every store still waited on failed at once. */
    static final long FAILED_STORE_PAUSE_MILLIS = 20;
    private final int self;
    private final RunKeys runKeys;
    private final PeerChannels stores;
    private final P2pSettings settings;
    private final PeerLog log;
    private final PeerAuth auth;
    private final ExcludedStoreProbe probe;
    private long knewEpochMicros;
    /** The waits {@link #expect} started, by rank, for round {@link #expectedRound}: marks, and seen sets. */
    private final Map<Integer, CompletableFuture<List<byte[]>>> early = new TreeMap<>();
    private final Map<Integer, CompletableFuture<byte[]>> earlySeen = new TreeMap<>();
    private long expectedRound = -1;

    RoundGather(int self, RunKeys runKeys, PeerChannels stores, P2pSettings settings, PeerLog log, PeerAuth auth,
                ExcludedStoreProbe probe) {
        this.self = self;
        this.runKeys = runKeys;
        this.stores = stores;
        this.settings = settings;
        this.log = log;
        this.auth = auth;
        this.probe = probe;
    }

    /** A round's gradient of every peer aggregated, by rank, and the join requests their marks listed. */
    record Gathered(SortedMap<Integer, float[]> gradients, Map<Integer, String> joins) {
    }

    /** When the last {@link #gather} saw the last live peer's mark (its start, if every mark was there). */
    long knewEpochMicros() {
        return knewEpochMicros;
    }

    private PeerKeys keys(int peer) {
        return new PeerKeys(runKeys, peer);
    }

    /**
     * Starts the waits for the round's marks (and gradients) of the other live peers before this
     * peer computes its own: those that publish first are read while it computes, and once it
     * publishes last it knows without another round trip to their stores. {@link #gather} takes
     * them over, but waits again on a store whose early wait has already ended with nothing: it
     * ran out while this peer computed, which says nothing of that peer's silence.
     */
    void expect(long round, Membership members) {
        early.clear();
        earlySeen.clear();
        expectedRound = round;
        Duration slice = Duration.ofMillis(settings.heartbeatMillis());
        for (int q : members.live()) {
            if (q != self) {
                early.put(q, awaitMark(q, round, slice));
                // The seen sets too: the agreement then costs the last one's bell, not a round trip to every store.
                earlySeen.put(q, awaitSeen(q, round, slice));
            }
        }
    }

    /**
     * The round's gradient of every live peer, this one's included, by rank: the same set at every
     * peer that survives the round, even when a store dies while the peers read it ({@link #agree}).
     */
    Gathered gather(long round, Membership members) {
        SortedMap<Integer, float[]> gathered = new TreeMap<>();
        // The join requests each peer's mark listed: the round's are those of the peers it ends up combining.
        Map<Integer, Map<Integer, String>> listed = new TreeMap<>();
        // This peer's own mark and gradient are read while the others' are waited for, not before:
        // the last peer to publish finds every other gradient there already.
        CompletableFuture<List<byte[]>> mine = stores.get(self).getAllAsync(
                List.of(keys(self).published(round), keys(self).gradient(round)));
        List<Integer> pending = new ArrayList<>(members.live());
        pending.remove(Integer.valueOf(self));
        knewEpochMicros = Timeline.nowEpochMicros();
        long deadline = System.currentTimeMillis() + settings.roundTimeoutMillis();
        Duration slice = Duration.ofMillis(settings.heartbeatMillis());
        boolean first = true;
        while (!pending.isEmpty()) {
            // One wait on every missing peer's store at once, each with its gradient read behind
            // its mark: this thread wakes when the last answers, not once per store in turn.
            Map<Integer, CompletableFuture<List<byte[]>>> waits = new TreeMap<>();
            for (int q : pending) {
                CompletableFuture<List<byte[]>> started = expectedRound == round ? early.remove(q) : null;
                waits.put(q, started != null && !endedEmpty(started, v -> v.get(0)) ? started : awaitMark(q, round, slice));
            }
            early.clear();
            if (first) {
                takeOwn(round, join(mine), gathered, listed);
                first = false;
            }
            int failedAtOnce = 0;
            for (Integer q : List.copyOf(pending)) {
                List<byte[]> got;
                try {
                    got = join(waits.get(q));
                } catch (ChannelException e) {
                    // Unreachable: not heard of; silence long enough excludes it below.
                    members.failed(q, System.currentTimeMillis());
                    failedAtOnce++;
                    continue;
                }
                byte[] mark = got.get(0);
                if (mark == null) {
                    if (beats(q, members)) {
                        members.heard(q, System.currentTimeMillis());
                    }
                    continue;
                }
                byte[] gradient = got.get(1);
                if (gradient == null) {
                    // Incomplete (a mark without its gradient): not heard of either.
                    failedAtOnce++;
                    continue;
                }
                knewEpochMicros = Timeline.nowEpochMicros();
                // A refused message leaves the peer out of this round only; every peer reads the same and refuses alike.
                if (auth.admitsGradient(q, round, gradient, mark, auth.enabled() ? got.get(2) : null)) {
                    gathered.put(q, FloatCodec.decode(gradient));
                    listed.put(q, JoinList.decode(mark));
                }
                pending.remove(q);
                members.delivered(q, System.currentTimeMillis());
            }
            if (!pending.isEmpty() && failedAtOnce == pending.size()) {
                // Every store still awaited refused at once (a dead server refuses in microseconds): pause, or
                // this loop reconnects a thousand times a second until the exclusion.
                pause(Math.min(slice.toMillis(), FAILED_STORE_PAUSE_MILLIS));
            }
            long now = System.currentTimeMillis();
            for (int q : members.silent(pending, now)) {
                long silence = members.silenceMillis(q, now);
                exclude(q, members);
                pending.remove(Integer.valueOf(q));
                log.add("excluded peer-" + q + " at round " + round + ": not heard of for " + silence
                        + " ms (exclusion after " + settings.exclusionMillis() + " ms); " + members.live().size()
                        + " peers go on");
            }
            if (!pending.isEmpty() && now > deadline) {
                for (int q : pending) {
                    exclude(q, members);
                    log.add("excluded peer-" + q + " at round " + round + ": no gradient within the round's time-out of "
                            + settings.roundTimeoutMillis() + " ms");
                }
                pending.clear();
            }
        }
        if (first) {
            takeOwn(round, join(mine), gathered, listed);
        }
        for (int x : agree(round, gathered.keySet(), members)) {
            gathered.remove(x);
            listed.remove(x);
        }
        Map<Integer, String> joins = new TreeMap<>();
        listed.values().forEach(joins::putAll);
        joins.keySet().removeIf(members::isLive);
        joins.keySet().removeIf(j -> !auth.listed(j));
        return new Gathered(gathered, joins);
    }

    /**
     * The gathered gradients to leave out of the round so that every survivor combines the same
     * ones ({@link RoundAgreement}): this peer's seen set goes into its store, the others' are read
     * (bounded by the round's time-out), and a gradient another peer lacks is dropped if its peer's
     * store no longer answers here; that peer is excluded, as the one that lacked it has done.
     */
    private SortedSet<Integer> agree(long round, Set<Integer> held, Membership members) {
        // Written while the others' seen sets are waited for: the put needs no answer before them.
        CompletableFuture<Void> published = stores.get(self).putAsync(keys(self).seen(round), RoundAgreement.encode(held));
        List<Integer> others = new ArrayList<>(held);
        others.remove(Integer.valueOf(self));
        RoundAgreement.SeenSets seenSets = new RoundAgreement.SeenSets() {
            @Override
            public CompletableFuture<byte[]> await(int q, Duration slice) {
                CompletableFuture<byte[]> started = expectedRound == round ? earlySeen.remove(q) : null;
                return started != null && !endedEmpty(started, v -> v) ? started : awaitSeen(q, round, slice);
            }

            @Override
            public boolean beats(int q) {
                return RoundGather.this.beats(q, members);
            }
        };
        Map<Integer, Set<Integer>> seen = others.isEmpty() ? Map.of()
                : RoundAgreement.collect(others, seenSets, Duration.ofMillis(settings.heartbeatMillis()),
                        settings.exclusionMillis(), System.currentTimeMillis() + settings.roundTimeoutMillis());
        earlySeen.clear();
        join(published);
        if (others.isEmpty()) {
            return new TreeSet<>();
        }
        SortedSet<Integer> disputed = RoundAgreement.disputed(self, held, seen);
        SortedSet<Integer> dropped = RoundAgreement.dropped(disputed, x -> members.isLive(x) && beats(x, members));
        for (int x : dropped) {
            List<Integer> lacking = seen.entrySet().stream().filter(v -> v.getKey() != x && !v.getValue().contains(x))
                    .map(Map.Entry::getKey).toList();
            if (members.isLive(x)) {
                exclude(x, members);
            }
            log.add("round " + round + ": left out peer-" + x + "'s gradient, which peers " + lacking
                    + " did not get, and excluded peer-" + x + ": its store no longer answers (the survivors agree on the round)");
        }
        return dropped;
    }

    /** This peer's own mark and gradient of the round, which it has just published. */
    private void takeOwn(long round, List<byte[]> own, SortedMap<Integer, float[]> gathered,
                         Map<Integer, Map<Integer, String>> listed) {
        if (own.get(0) == null) {
            throw new IllegalStateException("peer-" + self + " gathers round " + round + " without its own mark");
        }
        if (own.get(1) == null) {
            throw new IllegalStateException("peer-" + self + " published round " + round + " without its gradient");
        }
        listed.put(self, JoinList.decode(own.get(0)));
        gathered.put(self, FloatCodec.decode(own.get(1)));
    }

    /**
     * Peer {@code q}'s mark of the round, waited for at most {@code slice}, with its gradient (and
     * signature) read right behind it: [mark or null if it did not come, gradient, signature].
     */
    private CompletableFuture<List<byte[]>> awaitMark(int q, long round, Duration slice) {
        PeerKeys their = keys(q);
        List<String> behind = auth.enabled() ? List.of(their.gradient(round), their.signature(round))
                : List.of(their.gradient(round));
        try {
            return stores.get(q).awaitThenGetAsync(their.published(round), behind, slice);
        } catch (ChannelException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Whether {@code wait} has already ended, without failing, with no {@code key} value (it did not come in time). */
    private static <T> boolean endedEmpty(CompletableFuture<T> wait, java.util.function.Function<T, ?> key) {
        return wait.isDone() && !wait.isCompletedExceptionally() && key.apply(wait.join()) == null;
    }

    /** Peer {@code q}'s seen set of the round, waited for at most {@code slice}: null if it did not come. */
    private CompletableFuture<byte[]> awaitSeen(int q, long round, Duration slice) {
        try {
            return stores.get(q).awaitThenGetAsync(keys(q).seen(round), List.of(), slice).thenApply(v -> v.get(0));
        } catch (ChannelException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The future's value; its failure as the {@link ChannelException} a blocking call would have thrown. */
    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ChannelException c) {
                throw c;
            }
            throw new ChannelException("a wait on a peer's store failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            throw new ChannelException("a wait on a peer's store was cancelled", e);
        }
    }

    /** Whether peer {@code q}'s heartbeat is in its store; a store that fails to answer says no, and counts as failed. */
    private boolean beats(int q, Membership members) {
        try {
            return stores.get(q).get(keys(q).alive()).isPresent();
        } catch (ChannelException e) {
            members.failed(q, System.currentTimeMillis());
            return false;
        }
    }

    /** Excludes peer {@code q} for good: its store is closed, and only probed, rarely and off this path, from now on. */
    private void exclude(int q, Membership members) {
        members.exclude(q);
        probe.watch(q, stores.uri(q), System.currentTimeMillis());
        stores.drop(q);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException("interrupted while waiting for the other peers", e);
        }
    }
}
