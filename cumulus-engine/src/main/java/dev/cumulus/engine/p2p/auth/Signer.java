package dev.cumulus.engine.p2p.auth;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;

/** Signs one peer's messages of one run with its Ed25519 private key (the JDK's own). */
public final class Signer {
    private final String runId;
    private final int peer;
    private final PrivateKey key;
    /** Initialised once: the JDK derives the public point from the private key at every initSign, as costly as a signature. */
    private Signature ed;

    public Signer(String runId, int peer, PrivateKey key) {
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("peer-" + peer + "'s private key is " + key.getAlgorithm()
                    + ", expected Ed25519");
        }
        this.runId = runId;
        this.peer = peer;
        this.key = key;
    }

    /** The envelope of a message of {@code round} whose payload is {@code parts}. */
    public synchronized SignedEnvelope sign(long round, byte[]... parts) {
        byte[] digest = SignedEnvelope.digestOf(parts);
        try {
            if (ed == null) {
                ed = Signature.getInstance("Ed25519");
                ed.initSign(key);
            }
            ed.update(SignedEnvelope.signedBytes(runId, peer, round, digest));
            return new SignedEnvelope(runId, peer, round, digest, ed.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("peer-" + peer + " could not sign round " + round + ": " + e.getMessage(), e);
        }
    }

    public int peer() {
        return peer;
    }

    /** Never the key: a signer may end up in a log line. */
    @Override
    public String toString() {
        return "Signer[peer-" + peer + ", run " + runId + "]";
    }
}
