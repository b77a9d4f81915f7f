package dev.cumulus.engine.p2p.auth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A peer's signature on one message, stored beside the message: the run, the signing peer, the
 * round, the SHA-256 digest of the payload, and the Ed25519 signature over all four. Binding the
 * round and the run is what makes a replay detectable (SPIRT signs a peer once and binds nothing
 * to the round).
 *
 * @param round the round the message is for; {@link #JOIN_ROUND} for a join request
 */
public record SignedEnvelope(String runId, int peer, long round, byte[] digest, byte[] signature) {
    /** The round a join request is signed for: it belongs to the run, not to a round. */
    public static final long JOIN_ROUND = -1;
    private static final int MAGIC = 0x43534731; // "CSG1"
    private static final byte[] DOMAIN = "cumulus-p2p-message-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;
    private static final int MAX_SIGNATURE_BYTES = 512;

    public SignedEnvelope {
        digest = digest.clone();
        signature = signature.clone();
        if (digest.length != DIGEST_BYTES) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length);
        }
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * The SHA-256 digest of a payload made of {@code parts}, each preceded by its length so that
     * moving bytes from one part to the next changes the digest.
     */
    public static byte[] digestOf(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                int n = part.length;
                sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
                sha.update(part);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** The bytes the signature is over: a domain tag, then run, peer, round and digest. */
    static byte[] signedBytes(String runId, int peer, long round, byte[] digest) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(DOMAIN);
            out.writeUTF(runId);
            out.writeInt(peer);
            out.writeLong(round);
            out.write(digest);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] signedBytes() {
        return signedBytes(runId, peer, round, digest);
    }

    public byte[] encode() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(runId);
            out.writeInt(peer);
            out.writeLong(round);
            out.write(digest);
            out.writeShort(signature.length);
            out.write(signature);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads an envelope.
     *
     * @throws IllegalArgumentException when {@code value} is not one (which a verifier counts as forged)
     */
    public static SignedEnvelope decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a signed envelope (no CSG1 tag)");
            }
            String runId = in.readUTF();
            int peer = in.readInt();
            long round = in.readLong();
            byte[] digest = in.readNBytes(DIGEST_BYTES);
            int n = in.readUnsignedShort();
            if (digest.length != DIGEST_BYTES || n > MAX_SIGNATURE_BYTES) {
                throw new IllegalArgumentException("a truncated or oversized signed envelope");
            }
            byte[] signature = in.readNBytes(n);
            if (signature.length != n || in.read() != -1) {
                throw new IllegalArgumentException("a signed envelope of the wrong length");
            }
            return new SignedEnvelope(runId, peer, round, digest, signature);
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated signed envelope", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedEnvelope e && runId.equals(e.runId) && peer == e.peer && round == e.round
                && Arrays.equals(digest, e.digest) && Arrays.equals(signature, e.signature);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * runId.hashCode() + peer) + Long.hashCode(round) + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "SignedEnvelope[run " + runId + ", peer-" + peer + ", round " + round + "]";
    }
}
