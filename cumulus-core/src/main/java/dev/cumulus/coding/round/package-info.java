/**
 * What the coordinator of a coded round decides, with no I/O and no clock: {@link
 * dev.cumulus.coding.round.CodedRound} is fed the round's events and answers when to trigger, the
 * state vector to broadcast and how to decode; a {@link dev.cumulus.coding.round.Strategy} says how
 * a scheme counts, encodes and decodes, and gives every worker its coefficients from the broadcast
 * state alone. The real protocol and the simulator drive the same objects.
 */
package dev.cumulus.coding.round;
