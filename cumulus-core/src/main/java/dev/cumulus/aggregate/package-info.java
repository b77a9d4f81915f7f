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
 * never writes to its inputs.
 *
 * <p>Ties: where byzantine.md sends ties to the lowest index, the selecting rules here (Krum,
 * Multi-Krum, Bulyan, MoNNA, NNM) send tied scores to the lexicographically smaller vector and only
 * then to the lower index. The result is still deterministic, and it no longer depends on the order
 * in which a peer happened to receive the vectors, even at Krum's k = 1 where a mutually nearest
 * pair always ties; peers that receive the same vectors in different orders agree. MDA breaks its
 * (frequent) diameter ties by the subsets' summed squared pairwise distances.
 */
package dev.cumulus.aggregate;
