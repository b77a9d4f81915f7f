package dev.cumulus.cli.cost;

import dev.cumulus.sim.cost.JobShape;
import dev.cumulus.sim.cost.ParetoFront;
import dev.cumulus.sim.cost.Prediction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The table {@code cumulus cost} prints and the CSV it writes: one row per configuration. */
final class CostTable {
    static final String CSV_HEADER = "platform,store,workers,rounds,driverSeconds,startupSeconds,loadSeconds,"
            + "computeSeconds,communicationSeconds,wallSeconds,workerSeconds,platformUsd,storeUsd,serverUsd,totalUsd,"
            + "cheapest,fastest,pareto,fits";

    private CostTable() {
    }

    static String render(List<Prediction> predictions, JobShape job) {
        List<Prediction> feasible = feasible(predictions, job);
        Prediction cheapest = ParetoFront.cheapest(feasible);
        Prediction fastest = ParetoFront.fastest(feasible);
        Set<Prediction> front = Set.copyOf(ParetoFront.of(feasible));
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-20s %7s %8s %9s %9s %9s %9s %9s %10s %12s  %s%n", "configuration",
                "workers", "rounds", "driver s", "start s", "load s", "compute s", "comm s", "wall s", "cost", ""));
        for (Prediction p : predictions) {
            b.append(String.format(Locale.ROOT, "%-20s %7d %8d %9s %9s %9s %9s %9s %10s %12s  %s%n",
                    p.deployment().label(), p.deployment().workers(), p.rounds(), seconds(p.driverSeconds()),
                    seconds(p.startupSeconds()),
                    seconds(p.loadSeconds()), seconds(p.computeSeconds()), seconds(p.communicationSeconds()),
                    seconds(p.wallSeconds()), money(p.totalUsd()),
                    (marks(p, cheapest, fastest, front) + (p.fits(job) ? "" : " chunk-exceeds-memory")).strip()));
        }
        b.append(String.format(Locale.ROOT, "cheapest: %s with %d workers, %s s, %s%n", cheapest.deployment().label(),
                cheapest.deployment().workers(), seconds(cheapest.wallSeconds()), money(cheapest.totalUsd())));
        b.append(String.format(Locale.ROOT, "fastest:  %s with %d workers, %s s, %s%n", fastest.deployment().label(),
                fastest.deployment().workers(), seconds(fastest.wallSeconds()), money(fastest.totalUsd())));
        return b.toString();
    }

    static String csv(List<Prediction> predictions, JobShape job) {
        List<Prediction> feasible = feasible(predictions, job);
        Prediction cheapest = ParetoFront.cheapest(feasible);
        Prediction fastest = ParetoFront.fastest(feasible);
        Set<Prediction> front = Set.copyOf(ParetoFront.of(feasible));
        StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
        for (Prediction p : predictions) {
            b.append(String.join(",", p.deployment().platform().label(),
                    p.deployment().platform() == dev.cumulus.sim.cost.Deployment.Platform.VMS ? ""
                            : p.deployment().store().label(),
                    Integer.toString(p.deployment().workers()), Long.toString(p.rounds()), num(p.driverSeconds()),
                    num(p.startupSeconds()), num(p.loadSeconds()), num(p.computeSeconds()),
                    num(p.communicationSeconds()), num(p.wallSeconds()), num(p.workerSeconds()),
                    num(p.platformUsd()), num(p.storeUsd()), num(p.serverUsd()), num(p.totalUsd()), Boolean.toString(p == cheapest),
                    Boolean.toString(p == fastest), Boolean.toString(front.contains(p)),
                    Boolean.toString(p.fits(job)))).append('\n');
        }
        return b.toString();
    }

    /** The configurations whose chunks fit in memory; all of them if none does. */
    static List<Prediction> feasible(List<Prediction> predictions, JobShape job) {
        List<Prediction> fitting = predictions.stream().filter(p -> p.fits(job)).toList();
        return fitting.isEmpty() ? predictions : fitting;
    }

    private static String marks(Prediction p, Prediction cheapest, Prediction fastest, Set<Prediction> front) {
        StringBuilder m = new StringBuilder();
        if (p == cheapest) {
            m.append("cheapest ");
        }
        if (p == fastest) {
            m.append("fastest ");
        }
        if (front.contains(p)) {
            m.append("pareto");
        }
        return m.toString().strip();
    }

    /** Four significant digits, plain. */
    static String seconds(double s) {
        return new BigDecimal(s).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** Dollars: whole cents from a dollar up, three significant digits below. */
    static String money(double usd) {
        if (usd >= 1) {
            return String.format(Locale.ROOT, "$%.2f", usd);
        }
        return "$" + new BigDecimal(usd).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String num(double value) {
        return Double.toString(value);
    }
}
