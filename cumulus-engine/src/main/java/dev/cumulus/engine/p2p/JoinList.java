package dev.cumulus.engine.p2p;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value of a peer's publication mark: the join requests it has seen, one {@code RANK URI}
 * line each (a store URI has no spaces), empty for none.
 */
final class JoinList {
    private JoinList() {
    }

    static byte[] encode(Map<Integer, String> joins) {
        StringBuilder text = new StringBuilder("joins\n");
        joins.forEach((rank, uri) -> text.append(rank).append(' ').append(uri).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Map<Integer, String> decode(byte[] mark) {
        Map<Integer, String> joins = new TreeMap<>();
        String[] lines = new String(mark, StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            int space = lines[i].indexOf(' ');
            if (space > 0) {
                joins.put(Integer.parseInt(lines[i].substring(0, space)), lines[i].substring(space + 1));
            }
        }
        return joins;
    }
}
