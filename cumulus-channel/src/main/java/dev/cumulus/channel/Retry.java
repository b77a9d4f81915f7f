package dev.cumulus.channel;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs one store request with a bounded number of attempts, so that a flaky or dead server yields a
 * {@link ChannelException} naming the store and the operation instead of a hang or a raw client error.
 */
public final class Retry {
    private final String store;
    private final ChannelOptions options;
    private final Predicate<Throwable> retryable;

    /**
     * @param store     what to name in errors, such as {@code redis://127.0.0.1:6379}
     * @param retryable which failures are worth another attempt (connection loss, timeouts); access
     *                  errors and bad data never are
     */
    public Retry(String store, ChannelOptions options, Predicate<Throwable> retryable) {
        this.store = store;
        this.options = options;
        this.retryable = retryable;
    }

    public ChannelOptions options() {
        return options;
    }

    /** Runs {@code request}, retrying it; {@code operation} and {@code key} name it in the error. */
    public <T> T call(String operation, String key, Supplier<T> request) {
        long backoffMillis = options.firstBackoff().toMillis();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= options.attempts(); attempt++) {
            try {
                return request.get();
            } catch (ChannelAccessException | CorruptValueException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
                if (!retryable.test(e) || attempt == options.attempts()) {
                    break;
                }
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
        String cause = describe(last);
        if (last instanceof ChannelException && cause.startsWith("ChannelException: " + store + ": ")) {
            cause = cause.substring(("ChannelException: " + store + ": ").length());
        }
        throw new ChannelException(store + ": " + operation + (key == null ? "" : " '" + key + "'")
                + " failed after " + options.attempts() + " attempt(s): " + cause, last);
    }

    /** Like {@link #call} for requests without a result. */
    public void run(String operation, String key, Runnable request) {
        call(operation, key, () -> {
            request.run();
            return null;
        });
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        StringBuilder sb = new StringBuilder();
        while (root != null) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(root.getClass().getSimpleName());
            if (root.getMessage() != null) {
                sb.append(": ").append(root.getMessage());
            }
            if (root.getCause() == root || sb.length() > 600) {
                break;
            }
            root = root.getCause();
        }
        return sb.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException("interrupted while retrying", e);
        }
    }
}
