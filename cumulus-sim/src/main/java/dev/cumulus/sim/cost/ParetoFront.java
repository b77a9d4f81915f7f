package dev.cumulus.sim.cost;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The predictions no other beats on both time and cost, and the cheapest and fastest of a set. */
public final class ParetoFront {
    private ParetoFront() {
    }

    /** The non-dominated predictions, fastest first (ties on time: the cheaper). */
    public static List<Prediction> of(List<Prediction> predictions) {
        List<Prediction> sorted = new ArrayList<>(predictions);
        sorted.sort(Comparator.comparingDouble(Prediction::wallSeconds).thenComparingDouble(Prediction::totalUsd));
        List<Prediction> front = new ArrayList<>();
        double cheapest = Double.POSITIVE_INFINITY;
        for (Prediction p : sorted) {
            if (p.totalUsd() < cheapest) {
                front.add(p);
                cheapest = p.totalUsd();
            }
        }
        return front;
    }

    public static Prediction cheapest(List<Prediction> predictions) {
        return predictions.stream().min(Comparator.comparingDouble(Prediction::totalUsd)
                .thenComparingDouble(Prediction::wallSeconds)).orElseThrow();
    }

    public static Prediction fastest(List<Prediction> predictions) {
        return predictions.stream().min(Comparator.comparingDouble(Prediction::wallSeconds)
                .thenComparingDouble(Prediction::totalUsd)).orElseThrow();
    }
}
