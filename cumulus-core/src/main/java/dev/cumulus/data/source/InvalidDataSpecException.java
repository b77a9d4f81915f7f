package dev.cumulus.data.source;

/**
 * A {@link DataSpec} field with an invalid value; the message reads
 * {@code Invalid value X for configuration dataset.FIELD: why}.
 */
public class InvalidDataSpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final transient Object value;

    public InvalidDataSpecException(String field, Object value, String reason) {
        super("Invalid value " + value + " for configuration dataset." + field + ": " + reason);
        this.field = field;
        this.value = value;
    }

    /** The field name without the {@code dataset.} prefix. */
    public String field() {
        return field;
    }

    public Object value() {
        return value;
    }
}
