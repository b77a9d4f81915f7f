package dev.cumulus.channel.dynamodb;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelContractTest;
import dev.cumulus.channel.Channels;

/** The channel contract and collectives against a DynamoDB-compatible server (dynalite). */
class DynamoDbChannelTest extends ChannelContractTest {
    private DynaliteServer server;

    @Override
    protected Channel openChannel() {
        server = DynaliteServer.start();
        return Channels.open(server.uri("cumulus-test"));
    }

    /** 1 MB covers DynamoDB's 400 KB item limit several times over, and keeps the test quick. */
    @Override
    protected int largeValueBytes() {
        return 1024 * 1024;
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
