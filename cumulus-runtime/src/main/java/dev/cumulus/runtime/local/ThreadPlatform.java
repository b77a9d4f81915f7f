package dev.cumulus.runtime.local;

import dev.cumulus.runtime.FunctionRegistry;

/**
 * The default platform: every function runs on threads of this JVM. Each container is one instance of the
 * function class on its own thread; a warm container keeps its instance. Time limits interrupt the thread.
 */
public final class ThreadPlatform extends LocalPlatform {

    /** Threads with {@link LocalOptions#defaults()}. */
    public ThreadPlatform(FunctionRegistry registry) {
        this(registry, LocalOptions.defaults());
    }

    public ThreadPlatform(FunctionRegistry registry, LocalOptions options) {
        super(registry, options);
    }

    @Override
    public String type() {
        return "threads";
    }

    @Override
    protected Container startContainer(WarmPool.Key key, String className) {
        return new ThreadContainer(key.functionName(), className);
    }
}
