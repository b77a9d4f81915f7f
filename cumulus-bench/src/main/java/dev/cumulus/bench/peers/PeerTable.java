package dev.cumulus.bench.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison's verdict from its rounds: per tool, the medians over the rounds, whether every round
 * reached the target, and how many times Cumulus's whole-process time the tool took. Pure: no I/O.
 */
final class PeerTable {
    /** The tool whose times the others are divided by. */
    static final String CUMULUS = "Cumulus";

    /** One tool's medians over the rounds. */
    record Row(String tool, int rounds, double processSeconds, double readSeconds, double trainSeconds,
               double trainLoss, double testAccuracy, boolean reachedTarget, double timesCumulus) {
    }

    private PeerTable() {
    }

    /**
     * @param measurements every round's measurements, in the order they ran; rows come out in the order
     *                     tools first appear
     * @param target       the kind of target
     * @param targetValue  the loss to be at or below, or the accuracy to be at or above
     */
    static List<Row> rows(List<Measurement> measurements, Workload.Target target, double targetValue) {
        Map<String, List<Measurement>> byTool = new LinkedHashMap<>();
        measurements.forEach(m -> byTool.computeIfAbsent(m.tool(), t -> new ArrayList<>()).add(m));
        List<Measurement> cumulus = byTool.get(CUMULUS);
        double cumulusSeconds = cumulus == null ? Double.NaN : median(cumulus.stream()
                .mapToDouble(Measurement::processSeconds).toArray());
        List<Row> rows = new ArrayList<>();
        byTool.forEach((tool, runs) -> {
            double process = median(runs.stream().mapToDouble(Measurement::processSeconds).toArray());
            boolean reached = runs.stream().allMatch(m -> reached(m, target, targetValue));
            rows.add(new Row(tool, runs.size(), process,
                    median(runs.stream().mapToDouble(Measurement::readSeconds).toArray()),
                    median(runs.stream().mapToDouble(Measurement::trainSeconds).toArray()),
                    median(runs.stream().mapToDouble(Measurement::trainLoss).toArray()),
                    median(runs.stream().mapToDouble(Measurement::testAccuracy).toArray()),
                    reached, process / cumulusSeconds));
        });
        return rows;
    }

    static boolean reached(Measurement m, Workload.Target target, double targetValue) {
        return target == Workload.Target.LOSS ? m.trainLoss() <= targetValue : m.testAccuracy() >= targetValue;
    }

    /** The loss a run must reach: within the tolerance above the optimum. */
    static double targetLoss(double optimumLoss) {
        return optimumLoss * (1 + Workload.LOSS_TOLERANCE);
    }

    /** The median; the mean of the middle two for an even count; NaN when any value is NaN or none is given. */
    static double median(double[] values) {
        if (values.length == 0 || Arrays.stream(values).anyMatch(Double::isNaN)) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
