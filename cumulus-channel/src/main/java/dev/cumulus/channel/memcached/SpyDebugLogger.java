package dev.cumulus.channel.memcached;

import net.spy.memcached.compat.log.AbstractLogger;
import net.spy.memcached.compat.log.Level;

/**
 * spymemcached's log, sent to SLF4J at debug level whatever level spymemcached gives it. The
 * client logs its connections at INFO and every lost connection at WARN with a stack trace, all
 * on stderr by default: noise on a healthy run, and a screenful around a dead server whose
 * failure the channel reports anyway, once, as a {@link dev.cumulus.channel.ChannelException}
 * naming the store. Set {@code net.spy.log.LoggerImpl} to choose another logger; this one is used
 * when it is unset, and shows everything with SLF4J's debug level on for {@code net.spy.memcached}.
 */
public final class SpyDebugLogger extends AbstractLogger {
    private final org.slf4j.Logger log;

    /** Called by spymemcached's logger factory, once per logger name. */
    public SpyDebugLogger(String name) {
        super(name);
        this.log = org.slf4j.LoggerFactory.getLogger(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public void log(Level level, Object message, Throwable failure) {
        if (log.isDebugEnabled()) {
            log.debug("[{}] {}", level, message, failure);
        }
    }
}
