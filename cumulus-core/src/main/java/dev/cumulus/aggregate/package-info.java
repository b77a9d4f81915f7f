/**
 * Byzantine-robust aggregation: rules that combine one vector per peer into one vector while some
 * of the peers may send arbitrary vectors ({@link dev.cumulus.aggregate.Aggregator}), the
 * pre-aggregators that can run in front of any rule ({@link dev.cumulus.aggregate.PreAggregator},
 * {@link dev.cumulus.aggregate.ComposedAggregator}), the screening step that drops malformed
 * vectors before either ({@link dev.cumulus.aggregate.Screening}), and the factory that builds a
 * rule from a job's {@link dev.cumulus.aggregate.AggregatorSpec}.
 *
 * <p>Definitions, defaults and tie rules follow {@code shared/papers/byzantine.md}; each class says
 * which convention it takes where implementations disagree. Every rule copies what it returns and
 * never writes to its inputs; ties go to the lowest input index.
 */
package dev.cumulus.aggregate;
