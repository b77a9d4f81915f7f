package dev.cumulus.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cumulus.cli.output.Redacted;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** The few lines a run prints at its end, from its run.json. */
public final class Summary {
    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);
    private static final MathContext THREE_DIGITS = new MathContext(3, RoundingMode.HALF_EVEN);

    private Summary() {
    }

    public static void print(JsonNode run, PrintWriter out) {
        out.println("run " + run.path("runId").asText());
        print(out, "metrics", run.path("metrics"));
        print(out, "time (mean seconds per worker)", run.path("breakdown"));
        if (run.has("cost")) {
            print(out, "cost", run.path("cost"));
        }
        out.flush();
    }

    private static void print(PrintWriter out, String title, JsonNode node) {
        out.println("  " + title + ":");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            // Sections such as the cost by phase are for run.json and report.html, not one line each.
            if (!e.getValue().isContainerNode()) {
                out.printf(Locale.ROOT, "    %-22s %s%n", e.getKey(), value(e.getKey(), e.getValue()));
            }
        }
    }

    /** A value as a person reads it: counts as integers, dollars (keys ending in Usd) as money, others to 4 digits. */
    static String value(String key, JsonNode value) {
        if (!value.isNumber()) {
            return Redacted.text(value.asText());
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        double number = value.asDouble();
        if (!Double.isFinite(number)) {
            return Double.toString(number);
        }
        return key.endsWith("Usd") ? money(number) : BigDecimal.valueOf(number).round(FOUR_DIGITS)
                .stripTrailingZeros().toPlainString();
    }

    /** Whole cents from a dollar up; below, three significant digits, as a Lambda bill needs ({@code $0.000399}). */
    static String money(double usd) {
        BigDecimal amount = BigDecimal.valueOf(usd);
        if (amount.abs().compareTo(BigDecimal.ONE) < 0) {
            amount = amount.round(THREE_DIGITS).stripTrailingZeros();
        }
        if (amount.scale() < 2 || amount.abs().compareTo(BigDecimal.ONE) >= 0) {
            amount = amount.setScale(2, RoundingMode.HALF_EVEN);
        }
        return (amount.signum() < 0 ? "-$" : "$") + amount.abs().toPlainString();
    }
}
