/** {@code cumulus peer}: one peer of a peer-to-peer job, run or joined without a driver. */
package dev.cumulus.cli.peer;
