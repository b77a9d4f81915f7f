package dev.cumulus.channel.memcached;

import dev.cumulus.channel.ServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A memcached from Debian's package, started by a test on 127.0.0.1 (TCP only). */
public final class MemcachedServer implements AutoCloseable {
    private final ServerProcess process;

    private MemcachedServer(ServerProcess process) {
        this.process = process;
    }

    public static String binary() {
        return ServerProcess.requireBinary("memcached", System.getenv("MEMCACHED"), "/usr/bin/memcached",
                "/usr/local/bin/memcached");
    }

    /** A server with {@code memoryMb} of cache memory. */
    public static MemcachedServer start(int memoryMb) {
        String binary = binary();
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(binary, "-l", "127.0.0.1", "-p", String.valueOf(port), "-U", "0",
                "-m", String.valueOf(memoryMb)));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        return new MemcachedServer(ServerProcess.start("memcached", command, port, Duration.ofSeconds(10)));
    }

    public int port() {
        return process.port();
    }

    public String uri() {
        return "memcached://127.0.0.1:" + port();
    }

    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
