package dev.cumulus.engine.protocol;

import java.util.Objects;

/**
 * One function a protocol invokes for a run: its role and its rank within the role.
 *
 * @param role the protocol's name for what it does ("worker", "coordinator", "peer")
 * @param rank 0-based index among the functions of the same role
 * @param channelUri the channel this function opens; null for the run's own (a peer has its own store)
 * @param mayEndUnfinished whether the run goes on when this function keeps failing after its
 *     restarts: the protocol's other functions do without it (a peer whose store died), instead of
 *     the whole run failing
 */
public record RoleSpec(String role, int rank, String channelUri, boolean mayEndUnfinished) {
    public RoleSpec {
        Objects.requireNonNull(role, "role");
        if (!role.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("role names are lower-case words, got '" + role + "'");
        }
        if (rank < 0) {
            throw new IllegalArgumentException("rank must be at least 0, got " + rank);
        }
    }

    public RoleSpec(String role, int rank, String channelUri) {
        this(role, rank, channelUri, false);
    }

    public RoleSpec(String role, int rank) {
        this(role, rank, null);
    }

    /** This function, allowed to end unfinished once its restarts are spent. */
    public RoleSpec allowedToEndUnfinished() {
        return new RoleSpec(role, rank, channelUri, true);
    }

    /** A name for this function that is unique within the run, such as {@code worker-3}. */
    public String id() {
        return role + "-" + rank;
    }
}
