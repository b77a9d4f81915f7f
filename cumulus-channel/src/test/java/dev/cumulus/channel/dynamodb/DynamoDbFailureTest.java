package dev.cumulus.channel.dynamodb;

import dev.cumulus.channel.StoreFailureContractTest;

class DynamoDbFailureTest extends StoreFailureContractTest {
    @Override
    protected RunningServer startServer() {
        DynaliteServer server = DynaliteServer.start();
        return new RunningServer() {
            @Override public String uri() { return server.uri("cumulus-fail"); }
            @Override public void kill() { server.kill(); }
            @Override public void close() { server.close(); }
        };
    }

    @Override
    protected String uriOfNothingAt(int port) {
        return "dynamodb://a:b@cumulus-none?endpoint=http://127.0.0.1:" + port;
    }
}
