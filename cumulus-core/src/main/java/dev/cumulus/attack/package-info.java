/**
 * Byzantine attacks for testing robust aggregation: model attacks that forge the vectors the
 * Byzantine peers send from the honest ones ({@link dev.cumulus.attack.Attack}, built from an
 * {@link dev.cumulus.attack.AttackSpec} by {@link dev.cumulus.attack.Attacks}), and the label-flipping
 * data attack ({@link dev.cumulus.attack.LabelFlip}). Definitions follow
 * {@code shared/papers/byzantine.md}; each class says which convention it takes.
 */
package dev.cumulus.attack;
