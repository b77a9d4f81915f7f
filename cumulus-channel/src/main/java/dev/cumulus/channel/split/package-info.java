/** Splitting of values larger than a store's item limit into parts published atomically by a manifest. */
package dev.cumulus.channel.split;
