package dev.cumulus.aggregate;

/**
 * Thrown when a rule is called with fewer inputs than its {@link Precondition} allows, e.g.
 * "krum needs n >= 2f + 3; got n = 6, f = 2".
 */
public final class TooFewInputsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Precondition precondition;
    private final int inputs;

    public TooFewInputsException(Precondition precondition, int inputs) {
        super(precondition.rule() + " needs " + precondition.formula() + "; got n = " + inputs + ", f = " + precondition.f());
        this.precondition = precondition;
        this.inputs = inputs;
    }

    public Precondition precondition() {
        return precondition;
    }

    /** The n the rule was called with. */
    public int inputs() {
        return inputs;
    }
}
