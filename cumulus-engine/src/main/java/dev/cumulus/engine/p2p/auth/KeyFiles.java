package dev.cumulus.engine.p2p.auth;

import dev.cumulus.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 key files: a peer's private key as PEM ({@code PRIVATE KEY}, PKCS#8), readable by its
 * owner only, and its public key as one line of a key list ({@code RANK BASE64}, X.509).
 */
public final class KeyFiles {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private KeyFiles() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /**
     * Writes {@code key} to {@code file} with mode 0600 (on POSIX file systems), through a
     * temporary sibling renamed over it: the key is never readable by others, not even half-written.
     */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) + "\n"
                + END + "\n";
        byte[] bytes = pem.getBytes(StandardCharsets.US_ASCII);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!posix) {
            AtomicFiles.write(file, bytes);
            return;
        }
        // The temporary file is created 0600, before a byte is written to it.
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, bytes);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Reads a private key file.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no Ed25519 key
     */
    public static PrivateKey readPrivateKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("private key file " + file + " cannot be read: " + e.getMessage(), e);
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("private key file " + file + ": expected a PEM '" + BEGIN + "' block");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("private key file " + file + ": not an Ed25519 private key ("
                    + e.getMessage() + ")", e);
        }
    }

    /** A public key as a key list writes it: base64 of its X.509 form. */
    public static String publicKeyText(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A public key from its key-list form; an {@link IllegalArgumentException} saying what is wrong otherwise. */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 Ed25519 public key (" + e.getMessage() + ")", e);
        }
    }

    /** Whether {@code privateKey} is the other half of {@code publicKey}: it signs what the public key verifies. */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        try {
            byte[] probe = "cumulus key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
            ed.initSign(privateKey);
            ed.update(probe);
            byte[] signature = ed.sign();
            ed.initVerify(publicKey);
            ed.update(probe);
            return ed.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
