package dev.cumulus.sim.cost;

/**
 * A cost-model parameter or price that is missing, not a number, negative or otherwise out of range. The
 * message and {@link #field()} name the parameter, as a job-file error names its key.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The parameter's name, such as {@code channels.s3.latencySeconds} or {@code s3.usdPerThousandPuts}. */
    public String field() {
        return field;
    }
}
