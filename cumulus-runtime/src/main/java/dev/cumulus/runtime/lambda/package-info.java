/**
 * The {@code lambda} platform: {@link dev.cumulus.runtime.lambda.LambdaPlatform} invokes deployed functions
 * through AWS SDK v2, and {@link dev.cumulus.runtime.lambda.LambdaHandler} runs registered functions inside
 * AWS Lambda. See docs/LAMBDA.md.
 */
package dev.cumulus.runtime.lambda;
