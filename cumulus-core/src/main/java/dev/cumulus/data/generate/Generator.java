package dev.cumulus.data.generate;

import dev.cumulus.data.Dataset;

/**
 * A synthetic dataset: any number of rows, the same rows for the same seed.
 *
 * <p>Rows are generated in fixed blocks, each from its own random stream derived from the seed
 * and the block number, so the output does not depend on how many threads ran, and the first n
 * rows of a larger request equal a request for n rows.
 */
public interface Generator {

    /** The source name used in job files, e.g. {@code "higgs-like"}. */
    String name();

    /** Generates {@code rows} rows (at least 0) from {@code seed}. */
    Dataset generate(int rows, long seed);
}
