package dev.cumulus.ps;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link ParameterServer} runs. Built with {@link #builder(Path)}; every value is checked when
 * built.
 *
 * @param host                the interface to bind, 127.0.0.1 by default
 * @param port                the port, 0 (the default) for a free one
 * @param stateDirectory      where the snapshot and journal live; a restarted server given the same
 *                            directory resumes from them
 * @param snapshotInterval model updates (BSP rounds, ASP steps) between snapshots; the journal
 *                            holds the pushes since (and forces a snapshot at 64 MB)
 * @param forceWrites         force every journal record to disk before acknowledging it (the
 *                            durability promise needs this; off only for tests that kill nothing)
 * @param maxPullWaitMillis   the longest a pull waits on the server for its round in one call
 * @param maxMessageBytes     the largest message accepted (a model or gradient of about a quarter of
 *                            this many parameters)
 */
public record ServerOptions(String host, int port, Path stateDirectory, int snapshotInterval, boolean forceWrites,
                            long maxPullWaitMillis, int maxMessageBytes) {

    public ServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Invalid parameter server host '" + host + "': expected an interface name or address");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid parameter server port " + port + ": expected 0 (any free port) to 65535");
        }
        Objects.requireNonNull(stateDirectory, "stateDirectory");
        if (snapshotInterval < 1) {
            throw new IllegalArgumentException("Invalid snapshotInterval " + snapshotInterval + ": expected >= 1");
        }
        if (maxPullWaitMillis < 1) {
            throw new IllegalArgumentException("Invalid maxPullWaitMillis " + maxPullWaitMillis + ": expected >= 1");
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("Invalid maxMessageBytes " + maxMessageBytes + ": expected >= 1024");
        }
    }

    /** Options with the defaults: 127.0.0.1, a free port, snapshots every 64 updates, forced writes. */
    public static Builder builder(Path stateDirectory) {
        return new Builder(stateDirectory);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(stateDirectory).host(host).port(port).snapshotInterval(snapshotInterval)
                .forceWrites(forceWrites).maxPullWaitMillis(maxPullWaitMillis).maxMessageBytes(maxMessageBytes);
    }

    /** Builds {@link ServerOptions}. */
    public static final class Builder {
        private final Path stateDirectory;
        private String host = "127.0.0.1";
        private int port;
        private int snapshotInterval = 64;
        private boolean forceWrites = true;
        private long maxPullWaitMillis = 30_000;
        private int maxMessageBytes = 512 << 20;

        private Builder(Path stateDirectory) {
            this.stateDirectory = stateDirectory;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder snapshotInterval(int value) {
            snapshotInterval = value;
            return this;
        }

        public Builder forceWrites(boolean value) {
            forceWrites = value;
            return this;
        }

        public Builder maxPullWaitMillis(long value) {
            maxPullWaitMillis = value;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            maxMessageBytes = value;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(host, port, stateDirectory, snapshotInterval, forceWrites, maxPullWaitMillis,
                    maxMessageBytes);
        }
    }
}
