package dev.cumulus.bench.channel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * The store a channel benchmark runs against, started on 127.0.0.1 for the benchmark and stopped
 * after it: redis-server and memcached from Debian, dynalite from npm, S3Proxy in this JVM.
 */
final class BenchServer implements AutoCloseable {
    private final String host;
    private final int port;
    private final String uri;
    private final Process process;
    private final S3Proxy s3proxy;
    private final BlobStoreContext blobs;
    private final Path directory;

    private BenchServer(String host, int port, String uri, Process process, S3Proxy s3proxy, BlobStoreContext blobs,
            Path directory) {
        this.host = host;
        this.port = port;
        this.uri = uri;
        this.process = process;
        this.s3proxy = s3proxy;
        this.blobs = blobs;
        this.directory = directory;
    }

    /** Starts the store for {@code channel}: memory, file, redis, memcached, s3 or dynamodb. */
    static BenchServer start(String channel) throws Exception {
        switch (channel) {
            case "memory":
                return new BenchServer(null, 0, "memory:bench", null, null, null, null);
            case "file": {
                Path dir = Files.createTempDirectory("cumulus-bench-file");
                return new BenchServer(null, 0, "file:" + dir, null, null, null, dir);
            }
            case "redis": {
                int port = freePort();
                Process p = launch(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no"), port);
                return new BenchServer("127.0.0.1", port, "redis://127.0.0.1:" + port, p, null, null, null);
            }
            case "memcached": {
                int port = freePort();
                List<String> command = new ArrayList<>(List.of("memcached", "-l", "127.0.0.1", "-p", String.valueOf(port),
                        "-U", "0", "-m", "8192", "-t", "2"));
                if ("root".equals(System.getProperty("user.name"))) {
                    command.addAll(List.of("-u", "nobody"));
                }
                Process p = launch(command, port);
                return new BenchServer("127.0.0.1", port, "memcached://127.0.0.1:" + port, p, null, null, null);
            }
            case "s3": {
                int port = freePort();
                BlobStoreContext context = ContextBuilder.newBuilder("transient")
                        .credentials("identity", "credential").build(BlobStoreContext.class);
                S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                        .endpoint(URI.create("http://127.0.0.1:" + port))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "bench", "bench-secret").build();
                proxy.start();
                while (!proxy.getState().equals("STARTED")) {
                    Thread.sleep(10);
                }
                return new BenchServer("127.0.0.1", port, "s3://bench:bench-secret@cumulus-bench?endpoint=http://127.0.0.1:"
                        + port, null, proxy, context, null);
            }
            case "dynamodb": {
                int port = freePort();
                String root = System.getenv().getOrDefault("CUMULUS_ROOT", ".");
                String dynalite = System.getenv().getOrDefault("DYNALITE",
                        Path.of(root, "cumulus-channel/src/test/dynalite/node_modules/.bin/dynalite").toString());
                Process p = launch(List.of(dynalite, "--host", "127.0.0.1", "--port", String.valueOf(port),
                        "--createTableMs", "0"), port);
                return new BenchServer("127.0.0.1", port, "dynamodb://bench:bench@cumulus-bench?endpoint=http://127.0.0.1:"
                        + port, p, null, null, null);
            }
            default:
                throw new IllegalArgumentException("unknown channel '" + channel
                        + "'; expected memory, file, redis, memcached, s3 or dynamodb");
        }
    }

    String uri() {
        return uri;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    /**
     * CPU time the server process has used so far (user and system, from {@code /proc}, in steps
     * of the kernel's clock tick), or -1 where the server runs in this JVM or {@code /proc} is
     * not there.
     */
    long cpuNanos() {
        if (process == null) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (s3proxy != null) {
            s3proxy.stop();
            blobs.close();
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Process launch(List<String> command, int port) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        // A benchmark stopped with Ctrl-C or kill never reaches close(); without this its server
        // outlived it and took CPU from the next run.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(command.get(0) + " exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return process;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not open port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
