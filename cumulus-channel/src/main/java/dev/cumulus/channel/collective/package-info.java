/**
 * Collectives over any channel, as LambdaML defines them: AllReduce through one reducer,
 * ScatterReduce, and the ASP shared model; both collectives also gather every worker's vector, for
 * aggregation rules that need each one (to every worker, to a root, or what arrived by a deadline).
 */
package dev.cumulus.channel.collective;
