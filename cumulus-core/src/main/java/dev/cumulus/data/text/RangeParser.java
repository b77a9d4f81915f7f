package dev.cumulus.data.text;

/**
 * Parses the lines of one byte range into the rows a format collects, and remembers how many
 * lines it saw and, if a line was malformed, which one (counted from the range's start) and why.
 * One instance per range; it is confined to the thread that parses the range.
 */
public abstract class RangeParser {
    private long lines;
    private int rows;
    private long errorLine;
    private String errorReason;
    private int rowsBeforeError;

    /** Parses every line in {@code bytes[from, to)}, stopping at the first malformed one. */
    final void parse(byte[] bytes, int from, int to) {
        parseLines(bytes, from, to, true);
        if (!fastRowsValid()) {
            // A row the fast path let through is malformed: the range again, line by line on the slow
            // path, which finds the first malformed line (that one or an earlier) and says why.
            lines = 0;
            rows = 0;
            errorLine = 0;
            errorReason = null;
            rowsBeforeError = 0;
            keepRows(0);
            parseLines(bytes, from, to, false);
        }
    }

    private void parseLines(byte[] bytes, int from, int to, boolean fast) {
        int pos = from;
        while (pos < to) {
            lines++;
            try {
                int end = fast ? parseFast(bytes, pos, to) : -1;
                if (end >= 0) {
                    rows++;
                } else {
                    end = Lines.end(bytes, pos, to);
                    if (parseLine(bytes, pos, end)) {
                        rows++;
                    }
                }
                pos = Lines.next(bytes, end, to);
            } catch (LineError e) {
                errorLine = lines;
                errorReason = e.reason();
                rowsBeforeError = rows;
                return;
            }
        }
    }

    /**
     * Parses the line starting at {@code from} in one pass when it has the common shape (a row of
     * plain numbers), finding its end on the way; {@code limit} ends the range, not the line.
     *
     * @return the index of the line's terminator (or {@code limit}) after adding its row, or -1,
     *     having added nothing, to have the line parsed by {@link #parseLine}
     */
    protected int parseFast(byte[] bytes, int from, int limit) {
        return -1;
    }

    /**
     * Whether the rows {@link #parseFast} added (those before the error, if any) pass the checks it
     * leaves to this pass over them all (a label outside the map a test file is read with): the fast
     * path then carries no branch that only one of its callers takes, which C2 compiled as a trap.
     * If not, the range is parsed again on the slow path, which must check each line in full.
     */
    protected boolean fastRowsValid() {
        return true;
    }

    /**
     * Parses one line (without its terminator), adding its row if it has one.
     *
     * @return whether the line held a row (blank and comment lines do not)
     * @throws LineError saying why the line is malformed; the row must not have been added
     */
    protected abstract boolean parseLine(byte[] bytes, int from, int to);

    /** Drops every row after the first {@code keep}. */
    protected abstract void keepRows(int keep);

    /** The rows parsed (before the error, if any). */
    public final int rows() {
        return rows;
    }

    final long lines() {
        return lines;
    }

    final boolean failed() {
        return errorReason != null;
    }

    final long errorLine() {
        return errorLine;
    }

    final String errorReason() {
        return errorReason;
    }

    final int rowsBeforeError() {
        return rowsBeforeError;
    }

    final void truncate(int keep) {
        if (keep < rows) {
            keepRows(keep);
            rows = keep;
        }
    }
}
