/**
 * The binary dataset format (docs/DATA-FORMAT.md): a dataset and its label map as little-endian
 * arrays behind a checked header, written by {@link dev.cumulus.data.binary.BinaryDatasetWriter}
 * and memory-mapped by {@link dev.cumulus.data.binary.BinaryDatasetReader}.
 */
package dev.cumulus.data.binary;
