package dev.cumulus.engine.p2p;

import dev.cumulus.channel.Channel;
import dev.cumulus.engine.p2p.auth.KeyFiles;
import dev.cumulus.engine.p2p.auth.PeerDirectory;
import dev.cumulus.engine.p2p.auth.Rejection;
import dev.cumulus.engine.p2p.auth.SignedEnvelope;
import dev.cumulus.engine.p2p.auth.Signer;
import dev.cumulus.engine.p2p.auth.Verifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One peer's signing and checking of messages (docs/P2P.md, "Authenticated peers"): it signs its
 * published gradient with its mark, and its join requests; it admits another peer's gradient or
 * join request only when it verifies under that peer's key from the job's list. Refusals are
 * counted by reason and logged once per peer and reason. Without keys in the job it signs nothing
 * and admits everything, as before.
 */
final class PeerAuth {
    private final Signer signer;
    private final Verifier verifier;
    private final PeerDirectory directory;
    private final PeerLog log;
    private final Map<Rejection, Long> counts = new EnumMap<>(Rejection.class);
    private final Set<String> logged = new TreeSet<>();

    private PeerAuth(Signer signer, Verifier verifier, PeerDirectory directory, PeerLog log) {
        this.signer = signer;
        this.verifier = verifier;
        this.directory = directory;
        this.log = log;
    }

    /**
     * The peer's authentication for the job's settings.
     *
     * @param keyFile this peer's private key file as given by hand ({@code cumulus peer --key}), or null for the job's
     * @throws IllegalArgumentException naming the file when the job has keys but this peer has no
     *         private key, or a key that is not its own in the list
     */
    static PeerAuth of(PeerAuthSettings settings, String runId, int self, Path keyFile, PeerLog log) {
        if (!settings.enabled()) {
            return new PeerAuth(null, null, null, log);
        }
        PeerDirectory directory = PeerDirectory.read(Path.of(settings.keys()));
        Path file = keyFile != null ? keyFile : settings.privateKeyOf(self);
        if (file == null) {
            throw new IllegalArgumentException("peer-" + self + ": p2p.keys is set, so the peer signs its messages, but it has"
                    + " no private key: set p2p.privateKey or give it --key FILE");
        }
        PrivateKey key = KeyFiles.readPrivateKey(file);
        if (directory.key(self).isEmpty()) {
            throw new IllegalArgumentException("peer-" + self + ": " + settings.keys() + " lists no key for rank " + self);
        }
        if (!KeyFiles.matches(key, directory.key(self).get())) {
            throw new IllegalArgumentException("peer-" + self + ": private key " + file + " is not the key " + settings.keys()
                    + " lists for rank " + self);
        }
        return new PeerAuth(new Signer(runId, self, key), new Verifier(runId, directory), directory, log);
    }

    boolean enabled() {
        return signer != null;
    }

    /** The signature of this peer's gradient of {@code round} with its publication mark, or null without keys. */
    byte[] signGradient(long round, byte[] gradient, byte[] mark) {
        return enabled() ? signer.sign(round, gradient, mark).encode() : null;
    }

    /** Whether {@code owner}'s gradient and mark of {@code round}, with their signature (null if none), are admitted. */
    boolean admitsGradient(int owner, long round, byte[] gradient, byte[] mark, byte[] signature) {
        if (!enabled()) {
            return true;
        }
        return admitted(verifier.check(owner, round, signature, gradient, mark), owner, "gradient of round " + round);
    }

    /** The signature of this peer's request to join (its store's URI), or null without keys. */
    byte[] signJoin(String storeUri) {
        return enabled() ? signer.sign(SignedEnvelope.JOIN_ROUND, storeUri.getBytes(StandardCharsets.UTF_8)).encode() : null;
    }

    /** Whether {@code joiner}'s request, with its signature (null if none), is admitted: signed by a peer of the key list. */
    boolean admitsJoin(int joiner, String storeUri, byte[] signature) {
        if (!enabled()) {
            return true;
        }
        return admitted(verifier.check(joiner, SignedEnvelope.JOIN_ROUND, signature, storeUri.getBytes(StandardCharsets.UTF_8)),
                joiner, "join request");
    }

    /** Whether a joiner another peer's mark listed has a key in the job's list (every peer decides alike). */
    boolean listed(int joiner) {
        if (!enabled() || directory.contains(joiner)) {
            return true;
        }
        count(Rejection.UNKNOWN_PEER, joiner, "join listed by a mark");
        return false;
    }

    private boolean admitted(Optional<Rejection> verdict, int owner, String what) {
        verdict.ifPresent(reason -> count(reason, owner, what));
        return verdict.isEmpty();
    }

    private void count(Rejection reason, int owner, String what) {
        counts.merge(reason, 1L, Long::sum);
        // The first of each kind from each peer; the totals come at the end.
        if (logged.add(owner + " " + reason)) {
            log.add("rejected peer-" + owner + "'s " + what + ": " + reason.label() + " (further ones are counted)");
        }
    }

    /** Refusals by reason, every reason listed (zeros included) when signing is on, else empty. */
    Map<String, Long> counts() {
        Map<String, Long> byLabel = new LinkedHashMap<>();
        if (enabled()) {
            for (Rejection reason : Rejection.values()) {
                byLabel.put(reason.label(), counts.getOrDefault(reason, 0L));
            }
        }
        return byLabel;
    }

    /** Writes the counts into the peer's store, one {@code reason count} line each, for the driver's report. */
    void writeCounts(Channel own, String key) {
        if (!enabled()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        counts().forEach((reason, n) -> text.append(reason).append(' ').append(n).append('\n'));
        own.put(key, text.toString().getBytes(StandardCharsets.UTF_8));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        log.add("rejected " + total + " messages" + (total == 0 ? "" : " " + counts()));
    }

    static Map<String, Long> readCounts(byte[] value) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : new String(value, StandardCharsets.UTF_8).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                counts.put(line.substring(0, space), Long.parseLong(line.substring(space + 1).trim()));
            }
        }
        return counts;
    }
}
