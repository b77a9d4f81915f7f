package dev.cumulus.engine.coded;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.classic.CyclicRepetitionCode;
import dev.cumulus.coding.classic.FractionalRepetitionCode;
import dev.cumulus.coding.round.ClassicCode;
import dev.cumulus.coding.round.PartialWork;
import dev.cumulus.coding.round.RoundConfig;
import dev.cumulus.coding.round.Strategy;
import dev.cumulus.coding.round.Uncoded;
import dev.cumulus.coding.round.WholeWorkers;

/**
 * The coded round's configuration, built from the job alone, so that the coordinator and every
 * worker hold equal strategies and derive the same coefficients from a broadcast state vector.
 */
final class CodedScheme {
    private CodedScheme() {
    }

    static RoundConfig config(CodedSettings s, int workers, long seed) {
        Strategy strategy = strategy(s, workers, seed);
        return s.exact() ? RoundConfig.exact(strategy) : RoundConfig.approximate(strategy, s.deadlineMillis());
    }

    static Strategy strategy(CodedSettings s, int workers, long seed) {
        switch (s.strategy()) {
            case CodedSettings.WAIT_FOR_ALL:
            case CodedSettings.IGNORE_STRAGGLERS:
                return Uncoded.of(workers, workers);
            case CodedSettings.CYCLIC_REPETITION:
                return new ClassicCode(new CyclicRepetitionCode(workers, s.load() - 1, seed));
            case CodedSettings.FRACTIONAL_REPETITION:
                return new ClassicCode(new FractionalRepetitionCode(workers, s.load() - 1));
            default:
                ChunkOrder order = order(s, assignment(s, workers, seed), seed);
                return s.strategy().equals(CodedSettings.WHOLE_WORKERS) ? WholeWorkers.of(order, s.parts())
                        : PartialWork.of(order, s.parts());
        }
    }

    private static Assignment assignment(CodedSettings s, int workers, long seed) {
        return switch (s.assignment()) {
            case "fractional-repetition" -> Assignment.fractionalRepetition(workers, s.load());
            case "random-regular" -> Assignment.randomRegular(workers, s.load(), seed);
            default -> Assignment.cyclic(workers, s.load());
        };
    }

    private static ChunkOrder order(CodedSettings s, Assignment assignment, long seed) {
        return switch (s.order()) {
            case "optimal" -> ChunkOrder.optimal(assignment);
            case "random" -> ChunkOrder.random(assignment, seed);
            default -> ChunkOrder.natural(assignment);
        };
    }
}
