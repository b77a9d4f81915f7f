package dev.cumulus.channel.s3;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelContractTest;
import dev.cumulus.channel.Channels;

/** The channel contract and collectives against an S3-compatible server (S3Proxy). */
class S3ChannelTest extends ChannelContractTest {
    private S3ProxyServer server;

    @Override
    protected Channel openChannel() {
        server = S3ProxyServer.start();
        return Channels.open(server.uri("cumulus-test"));
    }

    /** S3Proxy 2.6 ignores If-None-Match / If-Match on PUT, so the channel must refuse atomic operations. */
    @Override
    protected boolean atomicOperations() {
        return ((S3Channel) channel()).supportsConditionalWrites();
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
