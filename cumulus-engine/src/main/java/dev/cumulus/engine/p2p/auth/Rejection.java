package dev.cumulus.engine.p2p.auth;

import java.util.Locale;

/** Why a peer refused another peer's message; each is counted in the run's report. */
public enum Rejection {
    /** No signature at all, while the job has keys. */
    UNSIGNED,
    /** Signed for (or stored by) a peer that the job's key list does not name. */
    UNKNOWN_PEER,
    /** The signature does not verify under the owner's public key (wrong key, a changed field, garbage). */
    FORGED,
    /** A valid signature whose digest does not match the payload: the payload changed after signing. */
    ALTERED,
    /** A valid signature, but for another round or run: an old message published again. */
    REPLAYED;

    /** The reason as the report names it: {@code unsigned}, {@code unknown-peer}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
