package dev.cumulus.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** The few lines a run prints at its end, from its run.json. */
public final class Summary {
    private Summary() {
    }

    public static void print(JsonNode run, PrintWriter out) {
        out.println("run " + run.path("runId").asText());
        print(out, "metrics", run.path("metrics"));
        print(out, "time (mean seconds per worker)", run.path("breakdown"));
        if (run.has("cost")) {
            print(out, "cost (USD)", run.path("cost"));
        }
        out.flush();
    }

    private static void print(PrintWriter out, String title, JsonNode node) {
        out.println("  " + title + ":");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = e.getValue().isNumber()
                    ? String.format(Locale.ROOT, "%.6g", e.getValue().asDouble()) : e.getValue().asText();
            out.printf(Locale.ROOT, "    %-22s %s%n", e.getKey(), value);
        }
    }
}
