package dev.cumulus.engine.p2p.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The job's list of peer public keys ({@code p2p.keys}): one line {@code RANK BASE64} per peer,
 * where BASE64 is the Ed25519 public key in X.509 form, as {@code cumulus keys} writes it; blank
 * lines and lines starting with {@code #} are ignored.
 */
public final class PeerDirectory {
    private final Map<Integer, PublicKey> keys;

    public PeerDirectory(Map<Integer, PublicKey> keys) {
        this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    /**
     * Reads a key list.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed entry, a rank
     *         listed twice, or a file that cannot be read
     */
    public static PeerDirectory read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("peer key list " + file + " cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), lines);
    }

    static PeerDirectory parse(String source, List<String> lines) {
        Map<Integer, PublicKey> keys = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1);
            String[] fields = line.split("\\s+");
            if (fields.length != 2) {
                throw new IllegalArgumentException(where + ": expected 'RANK PUBLIC-KEY' (two fields), got " + fields.length);
            }
            int rank;
            try {
                rank = Integer.parseInt(fields[0]);
            } catch (NumberFormatException e) {
                rank = -1;
            }
            if (rank < 0) {
                throw new IllegalArgumentException(where + ": rank '" + fields[0] + "' is not a peer rank (0, 1, ...)");
            }
            PublicKey key;
            try {
                key = KeyFiles.publicKey(fields[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": peer " + rank + "'s key: " + e.getMessage(), e);
            }
            if (keys.put(rank, key) != null) {
                throw new IllegalArgumentException(where + ": peer " + rank + " is listed twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + ": no peer keys (expected lines 'RANK PUBLIC-KEY')");
        }
        return new PeerDirectory(keys);
    }

    public Optional<PublicKey> key(int peer) {
        return Optional.ofNullable(keys.get(peer));
    }

    public boolean contains(int peer) {
        return keys.containsKey(peer);
    }

    /** The ranks listed, in order. */
    public java.util.Set<Integer> peers() {
        return keys.keySet();
    }
}
