package dev.cumulus.ps;

import java.util.Arrays;

/**
 * A model a worker pulled: its round and its parameters. Under BSP the round is the number of
 * rounds completed (the model after round r's update is round r + 1); under ASP it is the number
 * of updates applied.
 *
 * @param round      the model's round, >= 0
 * @param parameters the parameter vector (the caller's own copy)
 * @param heldMicros how long the server held the pull(s) waiting for this round (for the other
 *                   workers' pushes): the part of a pull that is waiting, not moving data
 */
public record PulledModel(long round, float[] parameters, long heldMicros) {

    /** A model as the server holds it (no pull waited for it). */
    public PulledModel(long round, float[] parameters) {
        this(round, parameters, 0);
    }

    /** Equal when the rounds and every parameter are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PulledModel o && round == o.round && Arrays.equals(parameters, o.parameters);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(round) + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "PulledModel[round=" + round + ", parameters=" + parameters.length + " values]";
    }
}
