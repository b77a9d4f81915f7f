package dev.cumulus.ps;

/**
 * A model a worker pulled: its round and its parameters. Under BSP the round is the number of
 * rounds completed (the model after round r's update is round r + 1); under ASP it is the number
 * of updates applied.
 *
 * @param round      the model's round, >= 0
 * @param parameters the parameter vector (the caller's own copy)
 */
public record PulledModel(long round, float[] parameters) {
}
