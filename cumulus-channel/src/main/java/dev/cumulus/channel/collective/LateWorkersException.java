package dev.cumulus.channel.collective;

import dev.cumulus.channel.ChannelTimeoutException;
import java.util.List;

/** A collective round timed out because some workers had not written their part; names them. */
public class LateWorkersException extends ChannelTimeoutException {
    private final long round;
    private final List<Integer> lateRanks;

    public LateWorkersException(String message, long round, List<Integer> lateRanks) {
        super(message);
        this.round = round;
        this.lateRanks = List.copyOf(lateRanks);
    }

    public long round() {
        return round;
    }

    /** Ranks of the workers whose contribution was missing when the time ran out, ascending. */
    public List<Integer> lateRanks() {
        return lateRanks;
    }
}
