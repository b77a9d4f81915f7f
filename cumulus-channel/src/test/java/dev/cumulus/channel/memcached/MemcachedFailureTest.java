package dev.cumulus.channel.memcached;

import dev.cumulus.channel.StoreFailureContractTest;

class MemcachedFailureTest extends StoreFailureContractTest {
    @Override
    protected RunningServer startServer() {
        MemcachedServer server = MemcachedServer.start(64);
        return new RunningServer() {
            @Override public String uri() { return server.uri(); }
            @Override public void kill() { server.kill(); }
            @Override public void close() { server.close(); }
        };
    }

    @Override
    protected String uriOfNothingAt(int port) {
        MemcachedServer.binary();
        return "memcached://127.0.0.1:" + port;
    }
}
