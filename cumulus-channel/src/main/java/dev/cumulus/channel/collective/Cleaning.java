package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import java.util.List;

/** Removes every key under a prefix, listing again until nothing is left (a listing may miss keys). */
final class Cleaning {
    private static final int PASSES = 5;

    private Cleaning() {
    }

    static void removeAll(Channel channel, String prefix) {
        for (int pass = 0; pass < PASSES; pass++) {
            List<String> keys = channel.list(prefix);
            if (keys.isEmpty()) {
                return;
            }
            channel.deleteAll(keys);
        }
    }
}
