package dev.cumulus.ps;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hybrid parameter server: a long-lived process that holds a model and its optimiser state,
 * applies the gradients functions push (BSP or ASP) and serves the model they pull, over gRPC.
 * Every acknowledged push is on disk in its state directory first, so a server killed at any point
 * and started again on the same directory resumes exactly where the acknowledgements left off.
 *
 * <p>{@link #start(ServerOptions)} starts one in this JVM; {@link LocalParameterServerProcess} starts
 * one as a child process; {@code cumulus ps} runs one from the command line. Its clients are
 * {@link ParameterServerClient}s.
 */
public final class ParameterServer implements AutoCloseable {
    private static final long GRACE_MILLIS = 2_000;

    private final Server server;
    private final DurableModel model;
    private final ModelBoard board;
    private final ParameterService service;
    private final ServerAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ParameterServer(Server server, DurableModel model, ModelBoard board, ParameterService service,
                            ServerAddress address) {
        this.server = server;
        this.model = model;
        this.board = board;
        this.service = service;
        this.address = address;
    }

    /**
     * Recovers the state directory's model (if any) and starts serving.
     *
     * @throws IOException the state directory cannot be read or locked (named in the message), or
     *                     the port cannot be bound
     */
    public static ParameterServer start(ServerOptions options) throws IOException {
        ModelBoard board = new ModelBoard();
        DurableModel model;
        try {
            model = DurableModel.open(options.stateDirectory(), options.snapshotInterval(), options.forceWrites(),
                    board::publish);
        } catch (IOException | RuntimeException e) {
            board.close();
            throw e;
        }
        ParameterService service = new ParameterService(model, board, new ServerClock(), options.maxPullWaitMillis());
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(options.host(), options.port()),
                        InsecureServerCredentials.create())
                .maxInboundMessageSize(options.maxMessageBytes())
                .addService(service.definition())
                .build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            board.close();
            model.close();
            throw new IOException("Cannot start the parameter server on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().get(0);
        return new ParameterServer(server, model, board, service, new ServerAddress(options.host(), bound.getPort()));
    }

    /** Where clients reach this server. */
    public ServerAddress address() {
        return address;
    }

    /** The same status the Status RPC returns. */
    public ServerStatus status() {
        return service.status();
    }

    /** Blocks until the server is closed. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops accepting calls, lets running ones finish for a moment, then closes the state directory.
     * Every acknowledged push is already on disk, so the state is consistent whenever this runs.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.shutdown();
        // Waiting pulls are answered "not yet" now, so they end instead of holding the grace period.
        board.close();
        try {
            if (!server.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            try {
                model.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot close the state directory of the parameter server at " + address, e);
            }
        }
    }
}
