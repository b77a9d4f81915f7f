package dev.cumulus.engine.p2p.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a peer accepts from another's store, and why it refuses the rest. */
class VerifierTest {
    private static final KeyPair PEER_1 = KeyFiles.generate();
    private static final KeyPair PEER_2 = KeyFiles.generate();
    private static final KeyPair STRANGER = KeyFiles.generate();
    private static final PeerDirectory DIRECTORY = new PeerDirectory(Map.of(1, PEER_1.getPublic(), 2, PEER_2.getPublic()));
    private static final byte[] GRADIENT = "gradient bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MARK = "joins\n".getBytes(StandardCharsets.UTF_8);

    private final Verifier verifier = new Verifier("run-a", DIRECTORY);
    private final Signer signer = new Signer("run-a", 1, PEER_1.getPrivate());

    @Test
    void acceptsTheOwnersMessageOfTheRoundItIsReadFor() {
        byte[] envelope = signer.sign(7, GRADIENT, MARK).encode();
        assertThat(verifier.check(1, 7, envelope, GRADIENT, MARK)).isEmpty();
    }

    @Test
    void theSignatureIsAnEd25519SignatureOverRunPeerRoundAndTheDigest() throws Exception {
        SignedEnvelope envelope = signer.sign(7, GRADIENT, MARK);
        // independent of Verifier: the JDK's Ed25519 over the documented layout
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(PEER_1.getPublic());
        ed.update(SignedEnvelope.signedBytes("run-a", 1, 7,
                java.security.MessageDigest.getInstance("SHA-256").digest(lengthPrefixed(GRADIENT, MARK))));
        assertThat(ed.verify(envelope.signature())).isTrue();
    }

    @Test
    void rejectsAMessageSignedWithAnotherKeyAsForged() {
        byte[] envelope = new Signer("run-a", 1, STRANGER.getPrivate()).sign(7, GRADIENT, MARK).encode();
        assertThat(verifier.check(1, 7, envelope, GRADIENT, MARK)).contains(Rejection.FORGED);
    }

    @Test
    void rejectsAnotherPeersGenuineMessageCopiedIntoThisStoreAsForged() {
        byte[] envelope = new Signer("run-a", 2, PEER_2.getPrivate()).sign(7, GRADIENT, MARK).encode();
        assertThat(verifier.check(1, 7, envelope, GRADIENT, MARK)).contains(Rejection.FORGED);
    }

    @Test
    void rejectsAPayloadWithOneBitChangedAsAltered() {
        byte[] envelope = signer.sign(7, GRADIENT, MARK).encode();
        byte[] altered = GRADIENT.clone();
        altered[3] ^= 0x01;
        assertThat(verifier.check(1, 7, envelope, altered, MARK)).contains(Rejection.ALTERED);
    }

    @Test
    void rejectsAnEnvelopeWhoseRoundWasRewrittenAsForged() {
        SignedEnvelope genuine = signer.sign(7, GRADIENT, MARK);
        byte[] rewritten = new SignedEnvelope("run-a", 1, 8, genuine.digest(), genuine.signature()).encode();
        assertThat(verifier.check(1, 8, rewritten, GRADIENT, MARK)).contains(Rejection.FORGED);
    }

    @Test
    void rejectsAnOldRoundsMessagePublishedAgainAsReplayed() {
        byte[] round7 = signer.sign(7, GRADIENT, MARK).encode();
        assertThat(verifier.check(1, 7, round7, GRADIENT, MARK)).isEmpty();
        assertThat(verifier.check(1, 8, round7, GRADIENT, MARK)).contains(Rejection.REPLAYED);
    }

    @Test
    void rejectsTheSameRoundAcceptedTwiceAsReplayed() {
        byte[] round7 = signer.sign(7, GRADIENT, MARK).encode();
        assertThat(verifier.check(1, 7, round7, GRADIENT, MARK)).isEmpty();
        assertThat(verifier.check(1, 7, round7, GRADIENT, MARK)).contains(Rejection.REPLAYED);
    }

    @Test
    void rejectsAMessageOfAnotherRunAsReplayed() {
        byte[] otherRun = new Signer("run-b", 1, PEER_1.getPrivate()).sign(7, GRADIENT, MARK).encode();
        assertThat(verifier.check(1, 7, otherRun, GRADIENT, MARK)).contains(Rejection.REPLAYED);
    }

    @Test
    void rejectsAMessageWithoutASignatureAsUnsigned() {
        assertThat(verifier.check(1, 7, null, GRADIENT, MARK)).contains(Rejection.UNSIGNED);
    }

    @Test
    void rejectsAPeerTheKeyListDoesNotNameAsUnknown() {
        byte[] envelope = new Signer("run-a", 3, STRANGER.getPrivate()).sign(7, GRADIENT, MARK).encode();
        assertThat(verifier.check(3, 7, envelope, GRADIENT, MARK)).contains(Rejection.UNKNOWN_PEER);
    }

    @Test
    void rejectsGarbageInPlaceOfASignatureAsForged() {
        assertThat(verifier.check(1, 7, "not an envelope".getBytes(StandardCharsets.UTF_8), GRADIENT, MARK))
                .contains(Rejection.FORGED);
        byte[] truncated = java.util.Arrays.copyOf(signer.sign(7, GRADIENT, MARK).encode(), 40);
        assertThat(verifier.check(1, 7, truncated, GRADIENT, MARK)).contains(Rejection.FORGED);
    }

    @Test
    void movingBytesBetweenPayloadPartsChangesTheDigest() {
        assertThat(SignedEnvelope.digestOf(new byte[] {1, 2}, new byte[] {3}))
                .isNotEqualTo(SignedEnvelope.digestOf(new byte[] {1}, new byte[] {2, 3}));
    }

    @Test
    void anEnvelopeReadsBackAsWritten() {
        SignedEnvelope envelope = signer.sign(42, GRADIENT);
        assertThat(SignedEnvelope.decode(envelope.encode())).isEqualTo(envelope);
    }

    private static byte[] lengthPrefixed(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(part.length).array());
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
