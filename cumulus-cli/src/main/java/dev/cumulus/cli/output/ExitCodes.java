package dev.cumulus.cli.output;

/** Process exit codes of the {@code cumulus} command. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    /** Bad flags, a bad job file, bad input data: the user has something to fix. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
