package dev.cumulus.engine;

/** How much time the current invocation has left; a worker hands over to a successor before it runs out. */
@FunctionalInterface
public interface Deadline {
    /** A deadline that never comes (a worker run outside any time limit). */
    Deadline NONE = () -> Long.MAX_VALUE;

    long remainingMillis();
}
