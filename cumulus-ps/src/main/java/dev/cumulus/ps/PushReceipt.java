package dev.cumulus.ps;

/**
 * The server's acknowledgement of a push: the gradient is durably recorded, and is (ASP) or will be
 * once every worker's gradient of its round arrived (BSP) applied exactly once.
 *
 * @param duplicate     true when this (worker, round) had been accepted before; the gradient sent
 *                      now was ignored
 * @param modelRound    the server's model round after the push
 */
public record PushReceipt(boolean duplicate, long modelRound) {
}
