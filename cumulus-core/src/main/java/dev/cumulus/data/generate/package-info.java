/**
 * Seeded synthetic datasets ({@link dev.cumulus.data.generate.Generator}): HIGGS-like dense
 * binary, RCV1-like sparse binary, and Gaussian blobs for k-means.
 */
package dev.cumulus.data.generate;
