/**
 * The job-facing entry point: {@link dev.cumulus.data.source.DataSpec} (the {@code dataset}
 * section of a job file) and {@link dev.cumulus.data.source.DataSources#load} returning a
 * {@link dev.cumulus.data.source.TrainTest}.
 */
package dev.cumulus.data.source;
