package dev.cumulus.data;

/**
 * An unchecked failure to obtain a dataset: the base of {@link DataFormatException} (the input is
 * there but wrong) and {@link MissingDataException} (the input is not there).
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
