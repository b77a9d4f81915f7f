package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.CorruptValueException;
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
            if (isRank(rest)) {
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

    /**
     * Throws if one of the {@code late} ranks wrote this round's input under another vector
     * length: input keys are {@code inputs + LENGTH/.../RANK}, so a worker whose vector has another
     * length writes where nobody reads, and looks late until this names it.
     */
    static void reportOtherLengths(Channel channel, String inputs, int length, List<Integer> late, String where,
                                   String reader) {
        List<String> written;
        try {
            written = channel.list(inputs);
        } catch (ChannelException e) {
            return;
        }
        for (String key : written) {
            String[] path = key.substring(inputs.length()).split("/");
            String rank = path[path.length - 1];
            if (path.length >= 2 && !path[0].equals(Integer.toString(length)) && isRank(rank)
                    && late.contains(Integer.valueOf(rank))) {
                throw new CorruptValueException(where + ": rank " + rank + " sent a vector of " + path[0]
                        + " floats, " + reader + " has " + length + " (do all workers pass vectors of the same length?)");
            }
        }
    }

    private static boolean isRank(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
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
