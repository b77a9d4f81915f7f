package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.engine.p2p.auth.PeerStoreAcl;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.testing.RedisServerProcess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With Cumulus's module loaded, a peer's ACL user averages in place under its own keys, and only there. */
class PeerStoreAclWithModuleTest {

    @Test
    void theOwnerAveragesInItsStoreAndAnotherPeerCannotComputeIntoItsKeys() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start("admin", "--loadmodule", RedisWithModule.module().toString())) {
            for (int rank = 0; rank < 2; rank++) {
                List<String> command = new ArrayList<>(List.of("ACL", "SETUSER"));
                command.addAll(PeerStoreAcl.setUser(rank, "pw-" + rank, true));
                SecuredPeerStoresTest.PeerStoreAclCli.run(server.port(), "admin", command);
            }
            SecuredPeerStoresTest.PeerStoreAclCli.run(server.port(), "admin", List.of("ACL", "SETUSER", "default", "off"));
            String owner = "redis://peer-0:pw-0@127.0.0.1:" + server.port();
            PeerKeys keys = new PeerKeys(new RunKeys("m"), 0);
            try (Channel own = Channels.open(owner);
                 StoreArithmetic inStore = StoreArithmetics.open(owner, own);
                 StoreArithmetic asOther = StoreArithmetics.open("redis://peer-1:pw-1@127.0.0.1:" + server.port(), own)) {
                assertThat(inStore.describe()).contains("in the store");
                own.put(keys.part(0, 0), FloatCodec.encode(new float[] {1, 2}));
                own.put(keys.part(0, 1), FloatCodec.encode(new float[] {3, 4}));
                inStore.sum(keys.gradient(0), List.of(keys.part(0, 0), keys.part(0, 1)));
                inStore.scale(keys.gradient(0), 0.5f);
                assertThat(FloatCodec.decode(own.get(keys.gradient(0)).orElseThrow())).containsExactly(2, 3);
                assertThatThrownBy(() -> asOther.sum(keys.gradient(0), List.of(keys.part(0, 0))))
                        .hasMessageContaining("NOPERM");
                // The fused command declares exactly its keys: the owner's ACL lets it average in one request, another's not.
                inStore.mean(keys.gradient(1), List.of(keys.part(0, 0), keys.part(0, 1)), 0.5f);
                assertThat(FloatCodec.decode(own.get(keys.gradient(1)).orElseThrow())).containsExactly(2, 3);
                assertThatThrownBy(() -> asOther.mean(keys.gradient(0), List.of(keys.part(0, 0)), 1f))
                        .hasMessageContaining("NOPERM");
            }
        }
    }
}
