package dev.cumulus.data.chunk;

import dev.cumulus.data.Dataset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A dataset's identity for provenance: the hex SHA-256 of its {@link ChunkCodec} encoding, so
 * equal data (same shape, layout, labels, classes and value bits) has equal fingerprints, and a
 * staged chunk's fingerprint can be checked from its bytes alone.
 */
public final class DataFingerprint {

    private DataFingerprint() {
    }

    /** The fingerprint of a dataset, computed by streaming its encoding (no full copy in memory). */
    public static String of(Dataset data) {
        MessageDigest sha = sha256();
        ChunkCodec.ChunkWriter.write(data, sha::update);
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The fingerprint of encoded chunk bytes; equals {@code of(ChunkCodec.decode(bytes))}. */
    public static String ofEncoded(byte[] chunkBytes) {
        return HexFormat.of().formatHex(sha256().digest(chunkBytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
