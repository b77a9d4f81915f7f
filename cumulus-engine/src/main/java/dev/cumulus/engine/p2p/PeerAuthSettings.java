package dev.cumulus.engine.p2p;

import java.nio.file.Path;

/**
 * Whether a p2p job's peers sign and verify their messages, and with which keys.
 *
 * @param keys the job's list of peer public keys ({@code p2p.keys}); null: no signing (the default)
 * @param privateKey where a peer finds its own private key, {@code {rank}} standing for its rank
 *        ({@code p2p.privateKey}); null when every peer is given its key by hand ({@code cumulus peer --key})
 */
public record PeerAuthSettings(String keys, String privateKey) {
    public static final PeerAuthSettings NONE = new PeerAuthSettings(null, null);
    static final String RANK = "{rank}";

    public boolean enabled() {
        return keys != null;
    }

    /** The private key file of peer {@code rank}, if the job names one. */
    Path privateKeyOf(int rank) {
        return privateKey == null ? null : Path.of(privateKey.replace(RANK, Integer.toString(rank)));
    }
}
