/** Counting a function's requests to its store, for the run's storage cost. */
package dev.cumulus.channel.meter;
