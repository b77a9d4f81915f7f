package dev.cumulus.ps;

/**
 * One accepted push as the journal holds it.
 *
 * @param sequence the push's number among all pushes the model accepted, from 1
 * @param worker   the worker's rank
 * @param round    the round the worker pushed for
 * @param gradient the gradient
 */
record JournalRecord(long sequence, int worker, long round, float[] gradient) {
}
