package dev.cumulus.engine.p2p.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * The Redis ACL user of one peer, the same in every peer's store: it reads every key, and writes
 * only its own (under its key prefix {@code runs/RUN/p2p/peer-R/}, its data shard
 * {@code runs/RUN/data/chunk-R}, its join requests in the others' stores) and their bells; it may run
 * only the commands a peer's channel uses. With the {@code default} user disabled, a client
 * without a peer's password can neither read nor write. docs/P2P.md, "Stores only their owner can write".
 */
public final class PeerStoreAcl {
    /** What Cumulus's Redis channel and its module sends; nothing that flushes, reconfigures or runs scripts. */
    static final List<String> COMMANDS = List.of("+get", "+set", "+unlink", "+del", "+scan", "+incrby", "+xadd", "+xread",
            "+pexpire", "+ping", "+hello", "+auth", "+select", "+command|info", "+exists", "+pttl");
    /** The module's commands, allowed when the server has loaded it. */
    static final List<String> MODULE_COMMANDS = List.of("+cumulus.addf32", "+cumulus.scalef32", "+cumulus.axpyf32",
            "+cumulus.meanf32", "+cumulus.stepf32");
    private static final String BELL = "cumulus:bell:";

    private PeerStoreAcl() {
    }

    /** The user name of peer {@code rank}. */
    public static String user(int rank) {
        return "peer-" + rank;
    }

    /**
     * The arguments of {@code ACL SETUSER} (after the command) for peer {@code rank}.
     *
     * @param withModule whether the server loaded Cumulus's module (the ACL rejects unknown commands)
     */
    public static List<String> setUser(int rank, String password, boolean withModule) {
        List<String> rules = new ArrayList<>(List.of(user(rank), "reset", "on", ">" + password, "resetchannels", "%R~*"));
        for (String own : List.of("runs/*/p2p/peer-" + rank + "/*", "runs/*/data/chunk-" + rank)) {
            rules.add("~" + own);
            rules.add("~" + BELL + own);
        }
        for (String request : List.of("runs/*/p2p/peer-*/join/" + rank, "runs/*/p2p/peer-*/join-signature/" + rank)) {
            rules.add("%W~" + request);
            rules.add("%W~" + BELL + request);
        }
        rules.add("-@all");
        rules.addAll(COMMANDS);
        if (withModule) {
            rules.addAll(MODULE_COMMANDS);
        }
        return rules;
    }
}
