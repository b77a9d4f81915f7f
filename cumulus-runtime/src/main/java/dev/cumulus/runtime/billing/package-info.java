/**
 * What invocations cost: {@link dev.cumulus.runtime.billing.LambdaRate} (GB-seconds rounded up to 1 ms plus
 * a per-request price), {@link dev.cumulus.runtime.billing.Ec2Rate} (per second, 60 s minimum) for
 * comparison, both read from the one editable {@link dev.cumulus.runtime.billing.PriceTable}, and the
 * {@link dev.cumulus.runtime.billing.BillingMeter} every platform charges its invocations to.
 */
package dev.cumulus.runtime.billing;
