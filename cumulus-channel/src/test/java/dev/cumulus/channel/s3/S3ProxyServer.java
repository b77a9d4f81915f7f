package dev.cumulus.channel.s3;

import dev.cumulus.channel.ServerProcess;
import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/** An S3-compatible server (S3Proxy over jclouds' in-memory blob store) in this JVM, on 127.0.0.1. */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "cumulus-access";
    public static final String SECRET_KEY = "cumulus-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final int port;

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext context, int port) {
        this.proxy = proxy;
        this.context = context;
        this.port = port;
    }

    /** Starts a server that accepts only {@link #ACCESS_KEY} / {@link #SECRET_KEY}. */
    public static S3ProxyServer start() {
        int port = ServerProcess.freePort();
        Properties properties = new Properties();
        BlobStoreContext context = ContextBuilder.newBuilder("transient").overrides(properties)
                .credentials("identity", "credential").build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!proxy.getState().equals("STARTED")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("cannot start S3Proxy on port " + port + ": " + e, e);
        }
        return new S3ProxyServer(proxy, context, port);
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The channel URI of bucket {@code bucket} with the right credentials. */
    public String uri(String bucket) {
        return "s3://" + ACCESS_KEY + ":" + SECRET_KEY + "@" + bucket + "?endpoint=" + endpoint();
    }

    /** Stops the server at once. */
    public void kill() {
        close();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy: " + e, e);
        } finally {
            context.close();
        }
    }
}
