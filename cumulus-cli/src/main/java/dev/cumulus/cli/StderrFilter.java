package dev.cumulus.cli;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The launcher's filter process that this JVM's standard error passes through (it drops the JVM's
 * "Using incubator modules" warning; see the {@code cumulus} script). It runs beside java, so
 * without care the last lines java prints could reach the terminal after java has exited; so, as
 * the JVM exits, it closes standard error and waits briefly for the filter to pass on the rest.
 */
final class StderrFilter {
    /** The system property in which the launcher passes the filter's process id. */
    static final String PID_PROPERTY = "cumulus.stderrFilterPid";
    private static final long DRAIN_MILLIS = 2000;

    private StderrFilter() {
    }

    /** When the launcher named a filter, drains it at JVM exit (normal exit, System.exit, SIGINT, SIGTERM). */
    static void drainAtExit() {
        String pid = System.getProperty(PID_PROPERTY);
        Optional<ProcessHandle> filter;
        try {
            filter = pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            return; // not from our launcher: nothing to wait for
        }
        filter.ifPresent(process -> Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(process),
                "cumulus-stderr-drain")));
    }

    private static void drain(ProcessHandle filter) {
        System.err.flush();
        // Closing fd 2 (the JDK points it at /dev/null) is the end of the filter's input.
        System.err.close();
        try {
            filter.onExit().get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // another process still holds the pipe: exit anyway, as without the filter
        }
    }
}
