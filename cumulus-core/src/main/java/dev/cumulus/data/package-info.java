/**
 * Datasets: the feature-matrix contract ({@link dev.cumulus.data.Features}, dense and sparse),
 * {@link dev.cumulus.data.Dataset}, label mapping, and the errors readers throw
 * ({@link dev.cumulus.data.DataFormatException}, {@link dev.cumulus.data.MissingDataException}).
 * Readers live in sub-packages per format ({@code csv}, {@code libsvm}, {@code idx}, and
 * {@code binary}, the memory-mappable dataset format), the parallel text parsing they share in
 * {@code text}, generators in {@code generate}, chunking, the binary chunk format and fingerprints
 * in {@code chunk}, and the job-facing entry point in {@code source}.
 */
package dev.cumulus.data;
