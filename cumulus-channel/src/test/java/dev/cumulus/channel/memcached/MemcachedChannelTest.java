package dev.cumulus.channel.memcached;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelContractTest;
import dev.cumulus.channel.Channels;

/** The channel contract and collectives against a real memcached. */
class MemcachedChannelTest extends ChannelContractTest {
    private MemcachedServer server;

    @Override
    protected Channel openChannel() {
        server = MemcachedServer.start(256);
        return Channels.open(server.uri());
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
