package dev.cumulus.engine.protocol;

/** How much time the current invocation has left; a worker hands over to a successor before it runs out. */
@FunctionalInterface
public interface Deadline {
    long remainingMillis();
}
