package dev.cumulus.data;

/**
 * Malformed input data: names the source (file path, or a description such as {@code "chunk"}),
 * where in it (a one-based line for text formats, a byte offset for binary ones) and why.
 *
 * <p>Readers throw it instead of returning partial data, so a dataset that loads is a dataset that
 * was read whole.
 */
public class DataFormatException extends DataException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final long byteOffset;
    private final String reason;

    private DataFormatException(String source, long line, long byteOffset, String reason, Throwable cause) {
        super(describe(source, line, byteOffset, reason), cause);
        this.source = source;
        this.line = line;
        this.byteOffset = byteOffset;
        this.reason = reason;
    }

    /** A problem on a one-based line of a text file. */
    public static DataFormatException atLine(String source, long line, String reason) {
        return new DataFormatException(source, line, -1, reason, null);
    }

    /** A problem at a byte offset of a binary input (offset into the decompressed bytes). */
    public static DataFormatException atByte(String source, long byteOffset, String reason) {
        return new DataFormatException(source, 0, byteOffset, reason, null);
    }

    /** A problem at a byte offset, caused by a lower-level failure (e.g. a corrupt gzip stream). */
    public static DataFormatException atByte(String source, long byteOffset, String reason, Throwable cause) {
        return new DataFormatException(source, 0, byteOffset, reason, cause);
    }

    /** A problem with the input as a whole (e.g. two files that disagree). */
    public static DataFormatException ofSource(String source, String reason) {
        return new DataFormatException(source, 0, -1, reason, null);
    }

    /** The file path or description of the input. */
    public String source() {
        return source;
    }

    /** One-based line number, or 0 when the problem is not tied to a line. */
    public long line() {
        return line;
    }

    /** Offset into the (decompressed) bytes, or -1 when the problem is not tied to a byte. */
    public long byteOffset() {
        return byteOffset;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }

    private static String describe(String source, long line, long byteOffset, String reason) {
        if (line > 0) {
            return source + ", line " + line + ": " + reason;
        }
        if (byteOffset >= 0) {
            return source + ", byte " + byteOffset + ": " + reason;
        }
        return source + ": " + reason;
    }
}
