package dev.cumulus.bench.peers;

/**
 * A peer the comparison needs is not installed or cannot run. The message names the peer, what was
 * looked for, and how to install it: a comparison never runs with one side silently left out.
 */
public final class PeerMissingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PeerMissingException(String peer, String problem, String install) {
        super(peer + " is missing: " + problem + ". Install it with: " + install);
    }
}
