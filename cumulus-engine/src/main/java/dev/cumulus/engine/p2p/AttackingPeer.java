package dev.cumulus.engine.p2p;

import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.engine.protocol.RunKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Byzantine peer's publication of a round: instead of its own gradient it waits for the live
 * honest peers' gradients of the round in their stores (which an omniscient attacker may read, as
 * every peer may), forges the Byzantine vectors from them and publishes its own one in its store,
 * where the honest peers read it as any other. It then gathers and steps like an honest peer, so it
 * stays in the run. Honest peers publish before they wait, so waiting on them cannot deadlock.
 */
final class AttackingPeer {
    private final int self;
    private final GradientAttack attack;
    private final List<Integer> byzantine;
    private final RunKeys runKeys;
    private final PeerChannels stores;
    private final P2pSettings settings;

    AttackingPeer(int self, GradientAttack attack, List<Integer> byzantine, RunKeys runKeys, PeerChannels stores,
            P2pSettings settings) {
        this.self = self;
        this.attack = attack;
        this.byzantine = List.copyOf(byzantine);
        this.runKeys = runKeys;
        this.stores = stores;
        this.settings = settings;
    }

    /**
     * Publishes this peer's forged message of {@code round}; the mark lists {@code joins} as an honest one does.
     * With keys it signs the forgery with its own key: an insider's attack, which signatures cannot stop and the
     * aggregation rule must.
     */
    void publish(long round, int parameters, Membership members, Map<Integer, String> joins, PeerAuth auth) {
        List<Integer> attackers = members.live().stream().filter(byzantine::contains).toList();
        List<float[]> honest = honestGradients(round, members);
        float[] message;
        if (honest.isEmpty()) {
            // Nothing to forge from (every honest peer gone): a zero gradient keeps the round going.
            message = new float[parameters + 2];
            message[parameters + 1] = 1;
        } else {
            message = attack.forge(honest, attackers.size(), round, parameters)[Math.max(0, attackers.indexOf(self))];
        }
        PeerKeys mine = new PeerKeys(runKeys, self);
        byte[] gradient = FloatCodec.encode(message);
        byte[] mark = JoinList.encode(joins);
        stores.get(self).put(mine.gradient(round), gradient);
        if (auth.enabled()) {
            stores.get(self).put(mine.signature(round), auth.signGradient(round, gradient, mark));
        }
        stores.get(self).put(mine.published(round), mark);
    }

    /** The round's gradients of the live honest peers in rank order; a peer silent past the round's time-out is left out. */
    private List<float[]> honestGradients(long round, Membership members) {
        List<float[]> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + settings.roundTimeoutMillis();
        Duration slice = Duration.ofMillis(settings.heartbeatMillis());
        for (int q : members.live()) {
            if (byzantine.contains(q)) {
                continue;
            }
            PeerKeys keys = new PeerKeys(runKeys, q);
            while (System.currentTimeMillis() < deadline) {
                try {
                    stores.get(q).await(keys.published(round), slice);
                    stores.get(q).get(keys.gradient(round)).map(FloatCodec::decode).ifPresent(out::add);
                    break;
                } catch (ChannelTimeoutException e) {
                    // not published yet
                } catch (ChannelException e) {
                    break;
                }
            }
        }
        return out;
    }
}
