package dev.cumulus.engine.p2p;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * When a peer published each round's gradient, when it knew that every live peer had published
 * that round (its wait on the last peer's mark returned) and when it had agreed with the others on
 * the round's gradients ({@link RoundAgreement}: it could combine them), in microseconds since the
 * epoch, the clock every process on a host shares. Across the peers of a round, the last of the
 * "knew" instants minus the last of the "published" ones is the round's synchronisation overhead:
 * from the last publication until every peer knows (SPIRT polls a queue once a second for this);
 * the last "agreed" instant minus the last "published" one adds the agreement's exchange. A peer
 * writes them in its store when it finishes (a few bytes a round), under {@link PeerKeys#roundTimes()}.
 */
public final class RoundTimes {
    /** One round of one peer. */
    public record Round(long round, long publishedEpochMicros, long knewEpochMicros, long agreedEpochMicros) {
    }

    private final List<Round> rounds = new ArrayList<>();

    void add(long round, long publishedEpochMicros, long knewEpochMicros, long agreedEpochMicros) {
        rounds.add(new Round(round, publishedEpochMicros, knewEpochMicros, agreedEpochMicros));
    }

    /** As CSV: {@code round,publishedEpochMicros,knewEpochMicros,agreedEpochMicros}, one line a round. */
    byte[] encode() {
        StringBuilder csv = new StringBuilder();
        for (Round r : rounds) {
            csv.append(r.round()).append(',').append(r.publishedEpochMicros()).append(',').append(r.knewEpochMicros())
                    .append(',').append(r.agreedEpochMicros()).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The rounds of {@link #encode}'s text. */
    public static List<Round> decode(byte[] bytes) {
        List<Round> out = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 4) {
                throw new IllegalArgumentException("round times: expected round,published,knew,agreed, got '" + line + "'");
            }
            out.add(new Round(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
        }
        return out;
    }

    /** Where peer {@code peer} of run {@code runId} keeps its round times in its store. */
    public static String key(String runId, int peer) {
        return new PeerKeys(new dev.cumulus.engine.protocol.RunKeys(runId), peer).roundTimes();
    }
}
