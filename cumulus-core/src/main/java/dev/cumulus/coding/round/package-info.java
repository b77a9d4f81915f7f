/**
 * What the coordinator of a coded round decides, with no I/O and no clock: {@link
 * dev.cumulus.coding.round.CodedRound} is fed the round's events and answers when to trigger, the
 * state vector to broadcast and how to decode; a {@link dev.cumulus.coding.round.Strategy} says how
 * a scheme counts, encodes and decodes, and gives every worker its coefficients from the broadcast
 * state alone. The real protocol and the simulator drive the same objects.
 *
 * <p>A coordinator, per round:
 * <pre>{@code
 * CodedRound round = new CodedRound(config);       // e.g. RoundConfig.exact(PartialWork.of(order, parts))
 * // on each progress report read from storage, and when the deadline timer fires:
 * round.chunkFinished(worker, finishedCount, nowMillis);
 * round.workerFailed(worker, nowMillis);
 * round.deadlineReached(nowMillis);                // approximate mode only
 * if (round.triggered()) {
 *     publish(round.state());                      // "encode and transmit" with x
 *     float[] g = config.strategy().decode(round.state(), encodedVectors, dimension);
 * }
 * }</pre>
 * A worker, on reading the broadcast state x: {@code config.strategy().encode(x, myIndex,
 * gradientsOfMyFirstXjChunks)} (or {@code coefficients(x, myIndex)} for its own kernel); it sends
 * nothing when {@code x.finished(myIndex) == 0}.
 */
package dev.cumulus.coding.round;
