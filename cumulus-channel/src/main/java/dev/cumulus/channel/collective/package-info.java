/** Collectives over any channel, as LambdaML defines them: AllReduce through one reducer, ScatterReduce, and the ASP shared model. */
package dev.cumulus.channel.collective;
