/** A channel kept as files in a directory, written by write-then-rename. */
package dev.cumulus.channel.file;
