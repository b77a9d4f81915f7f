package dev.cumulus.engine.p2p;

import dev.cumulus.engine.protocol.RunKeys;

/**
 * Names of what one peer keeps in its own store, under the run's prefix and the peer's rank, so
 * that peers may also share a store without a collision.
 */
record PeerKeys(RunKeys run, int peer) {

    private String base() {
        return run.prefix() + "p2p/peer-" + peer + "/";
    }

    /** The gradient function {@code function} wrote in {@code round} (its batch slice's sums). */
    String part(long round, int function) {
        return base() + "part/" + round + "/" + function;
    }

    /** The peer's averaged gradient of {@code round}: mean gradient, mean loss, 1. */
    String gradient(long round) {
        return base() + "gradient/" + round;
    }

    /** The peer's signature of its gradient and mark of {@code round}, when the job has keys (docs/P2P.md). */
    String signature(long round) {
        return base() + "signature/" + round;
    }

    /** Written after {@link #gradient}: what the other peers wait on (a put every store can signal). */
    String published(long round) {
        return base() + "published/" + round;
    }

    /** The ranks whose gradients of {@code round} the peer gathered ({@link RoundAgreement}), put after it gathered them. */
    String seen(long round) {
        return base() + "seen/" + round;
    }

    /** Present while the peer lives; it expires when the peer stops renewing it. */
    String alive() {
        return base() + "alive";
    }

    /** The peer's state after its last round, for a peer that joins: round, model, optimiser state. */
    String state() {
        return base() + "state";
    }

    /** The state a peer near its time limit leaves for its successor (an {@link Admission}). */
    String handover() {
        return base() + "handover";
    }

    /** A request to join, from {@code joiner}, in the store of a live peer. */
    String join(int joiner) {
        return base() + "join/" + joiner;
    }

    /** {@code joiner}'s signature of its request, beside it (outside {@link #joins()}, which lists requests). */
    String joinSignature(int joiner) {
        return base() + "join-signature/" + joiner;
    }

    /** How many of the others' messages the peer refused, by reason, when the job has keys. */
    String rejected() {
        return base() + "rejected";
    }

    /** This peer's answer to {@code joiner}'s request: an {@link Admission}. */
    String admitted(int joiner) {
        return base() + "admitted/" + joiner;
    }

    String joins() {
        return base() + "join/";
    }

    /** The peer's model when it finished. */
    String model() {
        return base() + "model";
    }

    /** Written when the peer has read every gradient of its last round: its store may be cleaned up then. */
    String finished() {
        return base() + "finished";
    }

    /** The loss curve the peer saw, in {@link dev.cumulus.engine.metrics.EpochRecord}'s CSV. */
    String curve() {
        return base() + "curve";
    }

    /** What the peer decided (exclusions, where it aggregates), one line each, for the run's log. */
    String log() {
        return base() + "log";
    }

    /** When the peer published each round and knew every live peer had ({@link RoundTimes}). */
    String roundTimes() {
        return base() + "round-times";
    }

    String prefix() {
        return base();
    }
}
