/** In-memory channels: a private store, and named stores shared by every open in one JVM. */
package dev.cumulus.channel.memory;
