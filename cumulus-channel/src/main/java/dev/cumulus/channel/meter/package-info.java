/** Counting a function's requests to its store, for the run's storage cost, and the time it waits on it for other workers. */
package dev.cumulus.channel.meter;
