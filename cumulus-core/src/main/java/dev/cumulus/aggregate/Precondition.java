package dev.cumulus.aggregate;

/**
 * The smallest number of inputs a rule accepts for its declared Byzantine count f, with the formula
 * it comes from (for messages).
 *
 * @param rule      the rule's name, as a job file spells it
 * @param f         the declared number of Byzantine inputs, at least 0
 * @param formula   the requirement as text, e.g. {@code n >= 2f + 3}
 * @param minInputs the smallest n that satisfies it, at least 1
 */
public record Precondition(String rule, int f, String formula, int minInputs) {

    public Precondition {
        if (f < 0) {
            throw new IllegalArgumentException(rule + ": f must be at least 0, got " + f);
        }
        if (minInputs < 1) {
            throw new IllegalArgumentException(rule + ": minInputs must be at least 1, got " + minInputs);
        }
    }

    /** The requirement n >= perByzantine * f + constant (never below 1). */
    public static Precondition linear(String rule, int f, int perByzantine, int constant) {
        String formula = perByzantine == 0 ? "n >= " + constant : "n >= " + perByzantine + "f + " + constant;
        long min = (long) perByzantine * f + constant;
        if (min > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rule + ": f = " + f + " is too large (needs n >= " + min + ")");
        }
        return new Precondition(rule, f, formula, (int) Math.max(1, min));
    }

    /** Rules without an f (mean, geometric median, centred clipping) need one input. */
    public static Precondition atLeastOne(String rule) {
        return new Precondition(rule, 0, "n >= 1", 1);
    }

    public boolean holds(int n) {
        return n >= minInputs;
    }

    /** Throws {@link TooFewInputsException} naming the rule, n and f unless {@code n} satisfies this. */
    public void check(int n) {
        if (!holds(n)) {
            throw new TooFewInputsException(this, n);
        }
    }
}
