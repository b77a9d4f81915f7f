package dev.cumulus.data;

import java.nio.file.Path;

/** An input file or installed dataset that is not where it was looked for; says how to get it. */
public class MissingDataException extends DataException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    public MissingDataException(Path path, String message) {
        super(message);
        this.path = path;
    }

    /** A data file that does not exist (or is not a regular file). */
    public static MissingDataException noFile(Path path) {
        return new MissingDataException(path, "data file not found: " + path.toAbsolutePath());
    }

    /** The path that was looked for. */
    public Path path() {
        return path;
    }
}
