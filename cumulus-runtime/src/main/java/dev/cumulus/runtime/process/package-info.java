/**
 * The {@code processes} platform: each container is a child JVM running
 * {@link dev.cumulus.runtime.process.FunctionProcessMain}, spoken to over its standard input and output,
 * and killed with SIGKILL at its time limit or on request.
 */
package dev.cumulus.runtime.process;
