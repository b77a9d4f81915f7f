/** Binary forms of what workers exchange: float vectors in little-endian IEEE 754, optionally LZ4-compressed. */
package dev.cumulus.channel.codec;
