package dev.cumulus.channel.s3;

import dev.cumulus.channel.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Adobe S3Mock, an S3-compatible server that honours conditional writes ({@code If-None-Match: *}
 * and {@code If-Match} on PUT), run by a test as its own JVM on a free port of 127.0.0.1, storing
 * objects in a temporary directory. It is a Spring Boot application whose libraries would clash
 * with S3Proxy's on the test classpath, so the build copies its self-contained jar to the path in
 * the system property {@value #JAR_PROPERTY} (see cumulus-channel/pom.xml). It checks no
 * signatures: any credentials are accepted.
 */
public final class S3MockServer implements AutoCloseable {
    static final String JAR_PROPERTY = "cumulus.s3mock.jar";

    private final ServerProcess process;
    private final Path root;

    private S3MockServer(ServerProcess process, Path root) {
        this.process = process;
        this.root = root;
    }

    private static S3MockServer shared;

    /**
     * The one S3Mock of this test JVM, started on first use and stopped when the JVM exits. A
     * Spring Boot start takes 10 to 20 s on two busy cores; each test class that shares the server
     * uses buckets of its own, and must not close it.
     */
    public static synchronized S3MockServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            S3MockServer server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3mock-stop"));
            shared = server;
        }
        return shared;
    }

    public static S3MockServer start() {
        Path jar = jar();
        int port = ServerProcess.freePort();
        Path root = temporaryDirectory();
        // S3Mock stages every upload in a temporary file it does not always delete, and Tomcat
        // leaves a work directory: both go beside the store, under the root that close() removes.
        Path store = root.resolve("store");
        Path scratch = root.resolve("tmp");
        try {
            Files.createDirectories(store);
            Files.createDirectories(scratch);
        } catch (IOException e) {
            deleteRecursively(root);
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(javaBinary(), "-Xmx384m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + scratch,
                "-jar", jar.toString(),
                "--spring.main.sources=" + loopbackOnlyDefinition(),
                // lets that definition replace S3Mock's web server factory (Spring refuses by default)
                "--spring.main.allow-bean-definition-overriding=true",
                "--server.address=127.0.0.1", "--server.port=" + port, "--server.ssl.enabled=false",
                "--com.adobe.testing.s3mock.store.root=" + store,
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        try {
            // a Spring Boot start on a busy two-core machine can take tens of seconds
            return new S3MockServer(ServerProcess.start("s3mock", command, port, Duration.ofSeconds(90)), root);
        } catch (RuntimeException e) {
            deleteRecursively(root);
            throw e;
        }
    }

    private static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        Path jar = Path.of(configured != null ? configured : "target/s3mock/s3mock.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock's jar is not at " + jar.toAbsolutePath() + "; Maven copies it "
                    + "there in process-test-resources (run the tests through mvn -pl cumulus-channel test)");
        }
        return jar;
    }

    /** The JVM running the tests is Java 17 or later, which S3Mock 4 needs. */
    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String loopbackOnlyDefinition() {
        URL resource = S3MockServer.class.getResource("s3mock-loopback.xml");
        if (resource == null) {
            throw new IllegalStateException("s3mock-loopback.xml is missing from the test resources");
        }
        try {
            return "file:" + Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Under /dev/shm where there is one: S3Mock writes every object, its metadata and its bucket's
     * list of objects to files, and 300 PUTs took 1.3 to 1.6 s there against 2.2 s on the disk.
     */
    private static Path temporaryDirectory() {
        Path memory = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(memory) && Files.isWritable(memory)) {
                return Files.createTempDirectory(memory, "cumulus-s3mock-");
            }
            return Files.createTempDirectory("cumulus-s3mock-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + process.port();
    }

    /** The channel URI of bucket {@code bucket}; the credentials are placeholders S3Mock does not check. */
    public String uri(String bucket) {
        return "s3://cumulus:cumulus@" + bucket + "?endpoint=" + endpoint();
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            deleteRecursively(root);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // S3Mock may still be removing its own files; a leftover in the temp directory is harmless
        }
    }
}
