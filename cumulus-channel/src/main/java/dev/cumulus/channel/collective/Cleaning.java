package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import java.util.List;

/**
 * Removes every key under a prefix, listing again until nothing is left. A listing is no snapshot
 * on every store (Memcached's crawler walks a live hash table, an S3 listing is paged), so it takes
 * two empty listings in a row to stop.
 */
final class Cleaning {
    private static final int PASSES = 8;

    private Cleaning() {
    }

    static void removeAll(Channel channel, String prefix) {
        int empty = 0;
        for (int pass = 0; pass < PASSES && empty < 2; pass++) {
            List<String> keys = channel.list(prefix);
            if (keys.isEmpty()) {
                empty++;
            } else {
                empty = 0;
                channel.deleteAll(keys);
            }
        }
    }
}
