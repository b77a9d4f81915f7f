package dev.cumulus.sim.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.Coverage;
import dev.cumulus.coding.PartialStragglerCode;
import dev.cumulus.coding.StateVector;
import dev.cumulus.sim.gc.GcScenario.AssignmentKind;
import dev.cumulus.sim.gc.GcScenario.OrderKind;
import dev.cumulus.sim.straggler.ChunkTimeDistribution;
import dev.cumulus.sim.straggler.StragglerModel;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GcSimulatorTest {

    private static final double[] DEADLINES = {0.5, 1, 2, 3, 4, 6};

    private static GcScenario scenario(int n, int load, int parts, AssignmentKind a, OrderKind o, StragglerModel m,
                                       int trials) {
        return new GcScenario(n, n, load, parts, a, o, m, DEADLINES, trials, 42L);
    }

    private static StragglerModel exp() {
        return StragglerModel.of(ChunkTimeDistribution.parse("exp:1"));
    }

    /** Finish times of trial t, drawn exactly as the simulator draws them. */
    private static double[][] finishTimes(GcScenario s, ChunkOrder order, int trial) {
        SplittableRandom random = new SplittableRandom(GcSimulator.mix(s.seed(), trial));
        int n = order.assignment().workers();
        int[] loads = new int[n];
        for (int j = 0; j < n; j++) {
            loads[j] = order.assignment().load(j);
        }
        double[] factors = s.stragglers().workerFactors(n, random);
        double[][] times = s.stragglers().chunkTimes(loads, factors, random);
        for (double[] row : times) {
            for (int p = 1; p < row.length; p++) {
                row[p] += row[p - 1];
            }
        }
        return times;
    }

    private static StateVector stateAt(double[][] finish, double t, boolean wholeWorkersOnly) {
        int[] x = new int[finish.length];
        for (int j = 0; j < finish.length; j++) {
            int done = 0;
            while (done < finish[j].length && finish[j][done] <= t) {
                done++;
            }
            x[j] = wholeWorkersOnly && done < finish[j].length ? 0 : done;
        }
        return StateVector.of(x);
    }

    /** Naive reference: the first event time at which the state covers every chunk. */
    private static double naiveCompletion(double[][] finish, ChunkOrder order, int parts, boolean wholeWorkersOnly) {
        TreeSet<Double> events = new TreeSet<>();
        for (double[] row : finish) {
            for (double t : row) {
                if (Double.isFinite(t)) {
                    events.add(t);
                }
            }
        }
        for (double t : events) {
            if (Coverage.of(order, stateAt(finish, t, wholeWorkersOnly)).coversAll(parts)) {
                return t;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    @Test
    void matchesANaiveRecomputationWithTheCodeItself() {
        StragglerModel stragglers = new StragglerModel(ChunkTimeDistribution.parse("shifted-exp:1,1"),
                Optional.empty(), 0.2, 3, 0.1);
        GcScenario s = scenario(10, 3, 2, AssignmentKind.RANDOM_REGULAR, OrderKind.OPTIMAL, stragglers, 30);
        GcSimulator simulator = new GcSimulator(s);
        ChunkOrder order = simulator.order();
        PartialStragglerCode code = PartialStragglerCode.of(order, 2, 3L);
        for (int trial = 0; trial < 30; trial++) {
            TrialResult r = simulator.trial(trial);
            double[][] finish = finishTimes(s, order, trial);
            assertThat(r.partial()).isEqualTo(naiveCompletion(finish, order, 2, false));
            assertThat(r.classic()).isEqualTo(naiveCompletion(finish, order, 2, true));
            for (int d = 0; d < DEADLINES.length; d++) {
                // The error from the actual pseudo-inverses, not from the coverage formula.
                assertThat(r.partialError()[d]).isCloseTo(code.normalisedError(stateAt(finish, DEADLINES[d], false)),
                        org.assertj.core.data.Offset.offset(1e-9));
                assertThat(r.classicError()[d]).isCloseTo(code.normalisedError(stateAt(finish, DEADLINES[d], true)),
                        org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void partialNeverLosesToClassicAndErrorNeverGrowsWithTheDeadline() {
        StragglerModel[] models = {
            exp(),
            new StragglerModel(ChunkTimeDistribution.parse("pareto:1,1.5"), Optional.empty(), 0.2, 5, 0.05),
            new StragglerModel(ChunkTimeDistribution.parse("exp:1"),
                    Optional.of(ChunkTimeDistribution.parse("shifted-exp:1,1")), 0, 1, 0),
        };
        for (StragglerModel model : models) {
            for (int parts = 1; parts <= 3; parts++) {
                for (OrderKind o : OrderKind.values()) {
                    GcScenario s = scenario(20, 4, parts, AssignmentKind.CYCLIC, o, model, 200);
                    GcReport report = new GcSimulator(s).run();
                    for (TrialResult r : report.trials()) {
                        assertThat(r.partial()).isLessThanOrEqualTo(r.classic());
                        for (int d = 0; d < DEADLINES.length; d++) {
                            assertThat(r.partialError()[d]).isLessThanOrEqualTo(r.classicError()[d]);
                            if (d > 0) {
                                assertThat(r.partialError()[d]).isLessThanOrEqualTo(r.partialError()[d - 1]);
                                assertThat(r.classicError()[d]).isLessThanOrEqualTo(r.classicError()[d - 1]);
                                assertThat(r.ignoreStragglers()[d]).isLessThanOrEqualTo(r.ignoreStragglers()[d - 1]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void moreChunksThanWorkersKeepTheInvariants() {
        GcScenario s = new GcScenario(20, 40, 6, 2, AssignmentKind.CYCLIC, OrderKind.RANDOM, exp(), DEADLINES, 200, 5L);
        GcSimulator simulator = new GcSimulator(s);
        assertThat(simulator.order().assignment().minReplication()).isEqualTo(3);
        GcReport report = simulator.run();
        for (TrialResult r : report.trials()) {
            assertThat(r.partial()).isLessThanOrEqualTo(r.classic());
            for (int d = 0; d < DEADLINES.length; d++) {
                assertThat(r.partialError()[d]).isLessThanOrEqualTo(r.classicError()[d]);
            }
        }
        assertThat(report.partial().completed()).isEqualTo(200);
    }

    @Test
    void resultsDoNotDependOnThreadScheduling() {
        GcScenario s = scenario(30, 4, 2, AssignmentKind.RANDOM_REGULAR, OrderKind.RANDOM, exp(), 300);
        GcSimulator simulator = new GcSimulator(s);
        GcReport first = simulator.run();
        GcReport second = new GcSimulator(s).run();
        assertThat(second.partial()).isEqualTo(first.partial());
        assertThat(second.meanPartialError()).isEqualTo(first.meanPartialError());
        for (int t = 0; t < 300; t += 37) {
            TrialResult sequential = simulator.trial(t);
            assertThat(first.trials().get(t).partial()).isEqualTo(sequential.partial());
            assertThat(first.trials().get(t).classicError()).isEqualTo(sequential.classicError());
        }
    }

    @Test
    void failedWorkersLeaveWaitForAllIncompleteButCodesFinish() {
        StragglerModel model = new StragglerModel(ChunkTimeDistribution.parse("exp:1"), Optional.empty(), 0, 1, 0.1);
        GcReport report = new GcSimulator(scenario(20, 4, 1, AssignmentKind.CYCLIC, OrderKind.NATURAL, model, 100)).run();
        assertThat(report.waitForAll().completed()).isZero();
        assertThat(report.partial().completed()).isEqualTo(100);
    }

    @Test
    void partialIsAboutTwiceAsFastAsClassicForOnePartUnderExponentialChunkTimes() {
        GcReport report = new GcSimulator(scenario(20, 4, 1, AssignmentKind.CYCLIC, OrderKind.NATURAL, exp(), 1000)).run();
        assertThat(report.speedupOverClassic()).isBetween(1.5, 3.0);
        assertThat(report.qMax()).isEqualTo(ChunkOrder.qMaxLowerBound(20, 4, 1));
    }

    @Test
    void rejectsImpossibleScenarios() {
        assertThatThrownBy(() -> scenario(20, 4, 5, AssignmentKind.CYCLIC, OrderKind.NATURAL, exp(), 1))
                .hasMessageContaining("parts 5");
        assertThatThrownBy(() -> new GcScenario(20, 3, 4, 1, AssignmentKind.CYCLIC, OrderKind.NATURAL, exp(),
                DEADLINES, 1, 1)).hasMessageContaining("larger than the chunk count");
        assertThatThrownBy(() -> new GcScenario(20, 20, 4, 1, AssignmentKind.CYCLIC, OrderKind.NATURAL, exp(),
                new double[] {2, 1}, 1, 1)).hasMessageContaining("increasing");
    }
}
