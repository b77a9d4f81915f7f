package dev.cumulus.channel.s3;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens of the last conditional writes to an object, oldest first, kept in its metadata so that
 * a caller whose PUT was stored but whose response was lost can tell, when the resent PUT is refused,
 * that its own write is the reason.
 *
 * <p>Each conditional write takes a fresh token and stores the history of the object it replaces
 * with its token appended. The newest token alone would not do: another caller may replace this
 * write before the resend arrives. With the whole chain, a caller that finds its token knows its
 * write was applied; one that finds instead the token of the object it replaced knows another write
 * followed that object first, so its own never was. Neither is found only after {@link #LENGTH} or
 * more writes in between, and then the outcome is unknown.
 *
 * <p>If-Match compares ETags, which S3 derives from the bytes alone, so a counter taken back to an
 * earlier value (a negative delta) matches a PUT based on the earlier object and that PUT's history
 * skips the writes in between; a lost response in one of those is then taken as not applied. The
 * counter's value is right either way.
 */
final class WriteHistory {
    /** The metadata entry ({@code x-amz-meta-cumulus-writes}); S3 allows 2 KB of metadata in all. */
    static final String METADATA = "cumulus-writes";
    /** Tokens kept: about 550 bytes of metadata. */
    static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SEPARATOR = ".";

    static final WriteHistory NONE = new WriteHistory(List.of());

    /** What the history of the object now stored says about a write that was refused when resent. */
    enum Outcome { APPLIED, NOT_APPLIED, UNKNOWN }

    private final List<String> tokens;

    private WriteHistory(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** A token for one conditional PUT: 96 random bits, URL-safe Base64 without '.'. */
    static String newToken() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The history in an object's user metadata; none for an object written by a plain put. */
    static WriteHistory of(Map<String, String> metadata) {
        String text = metadata == null ? null : metadata.get(METADATA);
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        return new WriteHistory(List.of(text.split("\\" + SEPARATOR)));
    }

    /** This history with {@code token} as its newest write, the oldest dropped beyond {@link #LENGTH}. */
    WriteHistory then(String token) {
        List<String> next = new ArrayList<>(tokens.subList(Math.max(0, tokens.size() - (LENGTH - 1)), tokens.size()));
        next.add(token);
        return new WriteHistory(next);
    }

    Optional<String> newest() {
        return tokens.isEmpty() ? Optional.empty() : Optional.of(tokens.get(tokens.size() - 1));
    }

    /**
     * Whether the write of {@code token}, which replaced (or would have replaced) the object whose
     * newest token was {@code replaced} (empty: a new object, or one without history), is part of
     * this history, the one of the object stored now.
     */
    Outcome outcomeOf(String token, Optional<String> replaced) {
        if (tokens.contains(token)) {
            return Outcome.APPLIED;
        }
        // The write would have followed the replaced object's token directly, and every later
        // history keeps both until LENGTH more writes have pushed them out. A shorter history without
        // either began afresh (a plain put, or a delete and a new object), which would have
        // discarded the write had it been applied.
        if (replaced.map(tokens::contains).orElse(false) || tokens.size() < LENGTH) {
            return Outcome.NOT_APPLIED;
        }
        return Outcome.UNKNOWN;
    }

    /** The metadata value. */
    String encode() {
        return String.join(SEPARATOR, tokens);
    }

    @Override
    public String toString() {
        return encode();
    }
}
