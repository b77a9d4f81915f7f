/** Numeric CSV: {@link dev.cumulus.data.csv.CsvReader}. */
package dev.cumulus.data.csv;
