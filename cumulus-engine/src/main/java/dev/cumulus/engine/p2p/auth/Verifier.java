package dev.cumulus.engine.p2p.auth;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides whether one message, read from the store of the peer that owns it, is that peer's own
 * message of the round it is read for: signed under the peer's key from the job's list, for this
 * run and round, over this payload. Pure: the reader fetches; this only decides.
 */
public final class Verifier {
    private final String runId;
    private final PeerDirectory directory;
    private final ReplayGuard guard = new ReplayGuard();
    /** One per peer, initialised once: the JDK decodes the public point (a square root) at every initVerify. */
    private final java.util.Map<Integer, Signature> verifiers = new java.util.HashMap<>();

    public Verifier(String runId, PeerDirectory directory) {
        this.runId = runId;
        this.directory = directory;
    }

    /**
     * Checks the message of {@code owner} (the peer whose store it was read from) for
     * {@code round}; empty when it is accepted (and then remembered, so the same round is not
     * accepted twice), else why not.
     *
     * @param envelope the stored signature, or null when there was none
     * @param parts the payload as read
     */
    public synchronized Optional<Rejection> check(int owner, long round, byte[] envelope, byte[]... parts) {
        if (envelope == null) {
            return Optional.of(Rejection.UNSIGNED);
        }
        Optional<PublicKey> key = directory.key(owner);
        if (key.isEmpty()) {
            return Optional.of(Rejection.UNKNOWN_PEER);
        }
        SignedEnvelope signed;
        try {
            signed = SignedEnvelope.decode(envelope);
        } catch (IllegalArgumentException e) {
            return Optional.of(Rejection.FORGED);
        }
        // Another peer's genuine message copied into this store is not the owner's.
        if (signed.peer() != owner || !verifies(owner, key.get(), signed)) {
            return Optional.of(Rejection.FORGED);
        }
        if (!signed.runId().equals(runId) || !guard.fresh(owner, signed.round(), round)) {
            return Optional.of(Rejection.REPLAYED);
        }
        if (!Arrays.equals(signed.digest(), SignedEnvelope.digestOf(parts))) {
            return Optional.of(Rejection.ALTERED);
        }
        if (round != SignedEnvelope.JOIN_ROUND) {
            guard.accepted(owner, round);
        }
        return Optional.empty();
    }

    private boolean verifies(int owner, PublicKey key, SignedEnvelope signed) {
        Signature ed = verifiers.get(owner);
        try {
            if (ed == null) {
                ed = Signature.getInstance("Ed25519");
                ed.initVerify(key);
                verifiers.put(owner, ed);
            }
            ed.update(signed.signedBytes());
            return ed.verify(signed.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A malformed signature (wrong length) is as good as a wrong one; the object may be mid-use: start afresh.
            verifiers.remove(owner);
            return false;
        }
    }
}
