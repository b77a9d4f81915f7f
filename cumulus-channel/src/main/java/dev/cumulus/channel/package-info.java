/**
 * The channel contract through which stateless workers exchange everything they share, and
 * {@link dev.cumulus.channel.Channels#open} to open one by URI.
 */
package dev.cumulus.channel;
