package dev.cumulus.engine.p2p;

import dev.cumulus.channel.Channel;

/** Picks where a store's float arithmetic runs: inside it if it can, else in the client. */
public final class StoreArithmetics {
    private StoreArithmetics() {
    }

    /** Arithmetic on the store of {@code uri}, which {@code channel} has open. */
    public static StoreArithmetic open(String uri, Channel channel) {
        if (uri.startsWith("redis://") || uri.startsWith("rediss://")) {
            var inStore = RedisModuleArithmetic.open(uri);
            if (inStore.isPresent()) {
                return inStore.get();
            }
        }
        return new ClientSideArithmetic(channel);
    }
}
