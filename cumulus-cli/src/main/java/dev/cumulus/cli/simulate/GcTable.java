package dev.cumulus.cli.simulate;

import dev.cumulus.sim.gc.GcReport;
import dev.cumulus.sim.gc.GcScenario;
import java.util.Locale;

/** The human-readable table {@code cumulus simulate gc} prints. */
final class GcTable {
    private GcTable() {
    }

    static String render(GcReport report, String command) {
        GcScenario s = report.scenario();
        StringBuilder b = new StringBuilder();
        b.append(command).append('\n');
        b.append(String.format(Locale.ROOT,
                "N=%d m=%d load=%d parts=%d assignment=%s order=%s chunk-time=%s, %d trials, Q_max=%d, %.2f s%n",
                s.workers(), s.chunks(), s.load(), s.parts(), name(s.assignment()), name(s.order()),
                s.stragglers().chunkTime().spec(), s.trials(), report.qMax(), report.elapsedMillis() / 1000.0));
        b.append(String.format(Locale.ROOT, "%nexact mode: completion time (chunk-time units)%n"));
        b.append(String.format(Locale.ROOT, "  %-16s %10s %10s %12s%n", "scheme", "mean", "std", "completed"));
        row(b, "wait for all", report.waitForAll());
        row(b, "classic GC", report.classic());
        row(b, "partial (ours)", report.partial());
        b.append(String.format(Locale.ROOT, "  speed-up of ours over classic: %.2fx, over wait for all: %.2fx%n",
                report.speedupOverClassic(), report.waitForAll().mean() / report.partial().mean()));
        b.append(String.format(Locale.ROOT, "%napproximate mode: mean normalised MSE at each deadline%n"));
        b.append(String.format(Locale.ROOT, "  %-10s %12s %12s %12s%n", "deadline", "ignore", "classic", "partial"));
        double[] deadlines = s.deadlines();
        for (int d = 0; d < deadlines.length; d++) {
            b.append(String.format(Locale.ROOT, "  %-10s %12.4e %12.4e %12.4e%n", trim(deadlines[d]),
                    report.meanIgnoreError()[d], report.meanClassicError()[d], report.meanPartialError()[d]));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, GcReport.Statistic stat) {
        b.append(String.format(Locale.ROOT, "  %-16s %10.4f %10.4f %7d/%-5d%n", name, stat.mean(), stat.std(),
                stat.completed(), stat.total()));
    }

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
