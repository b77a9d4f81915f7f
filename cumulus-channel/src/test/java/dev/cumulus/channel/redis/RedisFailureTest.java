package dev.cumulus.channel.redis;

import dev.cumulus.channel.StoreFailureContractTest;

class RedisFailureTest extends StoreFailureContractTest {
    @Override
    protected RunningServer startServer() {
        RedisServer server = RedisServer.start();
        return new RunningServer() {
            @Override public String uri() { return server.uri(); }
            @Override public void kill() { server.kill(); }
            @Override public void close() { server.close(); }
        };
    }

    @Override
    protected String uriOfNothingAt(int port) {
        RedisServer.binary();
        return "redis://127.0.0.1:" + port;
    }
}
