/**
 * Cutting datasets into chunks ({@link dev.cumulus.data.chunk.Partitioner}), the binary chunk
 * format that travels through channels ({@link dev.cumulus.data.chunk.ChunkCodec}) and data
 * fingerprints for provenance ({@link dev.cumulus.data.chunk.DataFingerprint}).
 */
package dev.cumulus.data.chunk;
