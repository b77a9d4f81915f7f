package dev.cumulus.channel.redis;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelContractTest;
import dev.cumulus.channel.Channels;

/** The channel contract and collectives against a real redis-server. */
class RedisChannelTest extends ChannelContractTest {
    private RedisServer server;

    @Override
    protected Channel openChannel() {
        server = RedisServer.start();
        return Channels.open(server.uri());
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
