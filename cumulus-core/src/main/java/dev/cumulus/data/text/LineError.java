package dev.cumulus.data.text;

/**
 * Why a line is malformed, thrown by a {@link RangeParser} that does not know the line's number
 * in the file; {@link ParallelLines} adds the source and line and throws a
 * {@link dev.cumulus.data.DataFormatException}.
 */
public final class LineError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LineError(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
