package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Works out, after a timeout, which ranks have not written their key, by listing what is there. */
final class Stragglers {
    private Stragglers() {
    }

    /**
     * The ranks among {@code expected} with no key {@code directory + rank}, ascending. If the
     * listing itself fails, all of {@code expected} are reported, with the failure noted by the caller.
     */
    static List<Integer> missing(Channel channel, String directory, Collection<Integer> expected) {
        Set<Integer> present = new HashSet<>();
        for (String key : channel.list(directory)) {
            String rest = key.substring(directory.length());
            if (!rest.isEmpty() && rest.chars().allMatch(Character::isDigit) && rest.length() < 10) {
                present.add(Integer.parseInt(rest));
            }
        }
        List<Integer> late = new ArrayList<>();
        for (int rank : expected) {
            if (!present.contains(rank)) {
                late.add(rank);
            }
        }
        late.sort(null);
        return late;
    }

    static List<Integer> missingOrAll(Channel channel, String directory, Collection<Integer> expected) {
        try {
            return missing(channel, directory, expected);
        } catch (ChannelException e) {
            List<Integer> all = new ArrayList<>(expected);
            all.sort(null);
            return all;
        }
    }

    static List<Integer> range(int from, int to, int except) {
        List<Integer> ranks = new ArrayList<>();
        for (int r = from; r < to; r++) {
            if (r != except) {
                ranks.add(r);
            }
        }
        return ranks;
    }
}
