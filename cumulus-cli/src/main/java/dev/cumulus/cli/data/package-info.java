/**
 * {@code cumulus data}: inspect a data file, convert it to the binary dataset format, or write a
 * seeded generator's rows to a file.
 */
package dev.cumulus.cli.data;
