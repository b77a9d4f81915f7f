/**
 * Parsing text data files fast: a file's bytes ({@link dev.cumulus.data.text.TextBytes}), cut
 * into ranges of whole lines parsed on several threads ({@link dev.cumulus.data.text.ParallelLines})
 * with line numbers as a sequential reader would give them, and number parsers over bytes
 * ({@link dev.cumulus.data.text.DecimalFloats}) that defer to the JDK for anything unusual.
 */
package dev.cumulus.data.text;
