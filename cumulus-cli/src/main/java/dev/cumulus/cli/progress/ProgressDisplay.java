package dev.cumulus.cli.progress;

import dev.cumulus.engine.protocol.RunProgress;
import java.io.PrintWriter;

/**
 * What a person watching {@code cumulus train} sees on stderr: the run's stage lines and its
 * training progress. On a terminal, a live line that is redrawn in place ({@link LiveLine}); in a
 * log (CI, a file, a test), plain lines at a steady pace ({@link PeriodicLines}); with
 * {@code --quiet}, nothing. Closing it erases the live line, so what follows starts on a clean line.
 */
public interface ProgressDisplay extends AutoCloseable {

    /** System property the launcher sets to {@code true} when its stderr is a terminal. */
    String TERMINAL_PROPERTY = "cumulus.stderrTerminal";

    /** One stage of the run (data loaded, staged, invoking), printed as its own line. */
    void stage(String line);

    /** Where training is, as the driver forwards it. */
    void progress(RunProgress progress);

    @Override
    void close();

    /** The display for stderr: none if quiet, a live line on a terminal, periodic lines otherwise. */
    static ProgressDisplay forStderr(PrintWriter err, boolean quiet) {
        if (quiet) {
            return new ProgressDisplay() {
                @Override
                public void stage(String line) {
                }

                @Override
                public void progress(RunProgress progress) {
                }

                @Override
                public void close() {
                }
            };
        }
        if (stderrIsTerminal()) {
            return LiveLine.start(err, System::currentTimeMillis);
        }
        return PeriodicLines.start(err, System::currentTimeMillis);
    }

    /**
     * Whether stderr is a terminal. The launcher knows (its stderr reaches Java through a filter,
     * a pipe) and says so in {@link #TERMINAL_PROPERTY}; without it, a console on stdin and stdout
     * is the best Java 17 can tell. A dumb terminal cannot redraw a line.
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        String told = System.getProperty(TERMINAL_PROPERTY);
        return told != null ? Boolean.parseBoolean(told) : System.console() != null;
    }
}
