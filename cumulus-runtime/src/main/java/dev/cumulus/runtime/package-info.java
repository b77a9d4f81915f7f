/**
 * The function-platform contract: a {@link dev.cumulus.runtime.WorkerFunction} registered by name in a
 * {@link dev.cumulus.runtime.FunctionRegistry} is run by a {@link dev.cumulus.runtime.FunctionPlatform}
 * under {@link dev.cumulus.runtime.FunctionLimits} (memory, time), giving an
 * {@link dev.cumulus.runtime.Invocation} whose {@link dev.cumulus.runtime.InvocationResult} says how it
 * ended and what it costs. Inside, the function sees an {@link dev.cumulus.runtime.InvocationContext}:
 * its deadline, and a way to start its successor.
 *
 * <p>Implementations: {@code local.ThreadPlatform} (default), {@code process.ProcessPlatform},
 * {@code lambda.LambdaPlatform} with {@code lambda.LambdaHandler} on the Lambda side; charges in
 * {@code billing}.
 */
package dev.cumulus.runtime;
