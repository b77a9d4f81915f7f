package dev.cumulus.sim.straggler;

/** A distribution spelled wrongly on the command line or in a job file. */
public final class MalformedDistributionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    MalformedDistributionException(String text, String why) {
        super("malformed distribution '" + text + "': " + why
                + "; expected exp:MEAN, shifted-exp:SHIFT,MEAN or pareto:SCALE,SHAPE");
    }
}
