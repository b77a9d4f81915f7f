package dev.cumulus.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * {@code report.html}: one self-contained page (figures as base64 PNG, no script, no style sheet
 * or font fetched from anywhere) with the runs' metrics, cost, time breakdown, figures and jobs.
 * Several runs are overlaid: loss against time and against epochs, the breakdowns side by side,
 * and one table of metrics and cost.
 */
final class HtmlReport {
    private static final String STYLE = """
            body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1700px; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
            th:first-child, td:first-child { text-align: left; }
            thead th { background: #f2f2f2; }
            figure { margin: 0 0 1em; }
            figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
            figcaption { font-size: 0.9em; color: #555; max-width: 800px; }
            .row { display: flex; flex-wrap: wrap; gap: 1em; }
            pre { background: #f7f7f7; padding: 0.8em; overflow: auto; max-height: 30em; font-size: 0.85em; }
            .note { color: #555; font-size: 0.9em; }
            """;

    /** The job as a job file is written (passwords were masked when run.json was). */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private HtmlReport() {
    }

    static String render(List<ReportedRun> runs) throws IOException {
        StringBuilder h = new StringBuilder();
        String title = runs.size() == 1 ? "Cumulus run " + runs.get(0).name()
                : "Cumulus: " + runs.size() + " runs compared";
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        metricsAndCost(h, runs);
        breakdownTable(h, runs);
        figures(h, runs);
        h.append("<p class=\"note\">Times in each run's <code>timeline.csv</code> are microseconds since "
                + "the run's start "
                + "(columns <code>startMicros</code> and <code>endMicros</code>); <code>curve.csv</code>'s "
                + "<code>elapsedSeconds</code> count from the same start.</p>\n");
        for (ReportedRun run : runs) {
            jobSection(h, run);
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void metricsAndCost(StringBuilder h, List<ReportedRun> runs) {
        List<String> metrics = keys(runs, "metrics");
        List<String> cost = keys(runs, "cost");
        h.append("<h2>Metrics and cost</h2>\n<table id=\"metrics\">\n<thead><tr><th>run</th><th>directory</th>");
        metrics.forEach(k -> h.append("<th>").append(escape(k)).append("</th>"));
        h.append("<th>wallSeconds</th>");
        cost.forEach(k -> h.append("<th>").append(escape(k)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (ReportedRun run : runs) {
            h.append("<tr><td>").append(escape(run.json().path("runId").asText())).append("</td><td>")
                    .append(escape(run.dir().path().toString())).append("</td>");
            metrics.forEach(k -> cell(h, k, run.json().path("metrics").path(k)));
            cell(h, "wallSeconds", run.json().path("breakdown").path("wallSeconds"));
            cost.forEach(k -> cell(h, k, run.json().path("cost").path(k)));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void breakdownTable(StringBuilder h, List<ReportedRun> runs) {
        List<String> phases = keys(runs, "breakdown");
        h.append("<h2>Time breakdown</h2>\n<p class=\"note\">Mean seconds per worker in each phase; "
                + "wallSeconds is the whole run's.</p>\n<table id=\"breakdown\">\n"
                + "<thead><tr><th>run</th><th>workers</th>");
        phases.forEach(k -> h.append("<th>").append(escape(k)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (ReportedRun run : runs) {
            h.append("<tr><td>").append(escape(run.json().path("runId").asText())).append("</td><td>")
                    .append(run.phases().workers()).append("</td>");
            phases.forEach(k -> cell(h, k, run.json().path("breakdown").path(k)));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void figures(StringBuilder h, List<ReportedRun> runs) throws IOException {
        h.append("<h2>Figures</h2>\n");
        if (runs.size() == 1) {
            ReportedRun run = runs.get(0);
            h.append("<div class=\"row\">\n");
            figure(h, Plots.loss(run.curve(), run.metrics()), "Training loss per epoch; the diamond is the final "
                    + "model's loss on the test set (the run records no test loss per epoch).");
            figure(h, Plots.breakdown(run.phases()), breakdownCaption(run));
            if (Plots.hasRounds(runs)) {
                figure(h, Plots.roundTimes(runs), "Milliseconds the coordinator waited in each round until it could "
                        + "broadcast encode and transmit.");
            }
            h.append("</div>\n");
            return;
        }
        h.append("<div class=\"row\">\n");
        figure(h, Plots.lossByTime(runs), "Training loss per epoch against seconds since each run's start.");
        figure(h, Plots.lossByEpoch(runs), "Training loss against epochs.");
        figure(h, Plots.meanBreakdowns(runs), "Mean seconds per worker in each phase, run by run.");
        if (Plots.hasRounds(runs)) {
            figure(h, Plots.roundTimes(runs), "Milliseconds the coordinator waited in each round until it could "
                    + "broadcast encode and transmit, run by run: the strategies compared.");
        }
        h.append("</div>\n<h3>Breakdowns side by side</h3>\n<div class=\"row\">\n");
        for (ReportedRun run : runs) {
            figure(h, Plots.breakdown(run.phases()), run.name() + ": " + breakdownCaption(run));
        }
        h.append("</div>\n");
    }

    private static String breakdownCaption(ReportedRun run) {
        return run.phases().drawnAsQuantiles()
                ? run.phases().workers() + " workers, too many for a bar each: per phase, the minimum, quartiles and "
                        + "maximum of the seconds each worker spent in it."
                : "Seconds each worker spent in each phase.";
    }

    private static void figure(StringBuilder h, Chart<?, ?> chart, String caption) throws IOException {
        String png = Base64.getEncoder().encodeToString(Plots.png(chart));
        h.append("<figure><img src=\"data:image/png;base64,").append(png).append("\" width=\"").append(Plots.WIDTH)
                .append("\" height=\"").append(Plots.HEIGHT).append("\" alt=\"").append(escape(chart.getTitle()))
                .append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    }

    private static void jobSection(StringBuilder h, ReportedRun run) throws JsonProcessingException {
        h.append("<h2>Run ").append(escape(run.name())).append("</h2>\n<p class=\"note\">Directory <code>")
                .append(escape(run.dir().path().toString())).append("</code>");
        JsonNode provenance = run.json().path("provenance");
        if (provenance.has("cumulusVersion")) {
            h.append("; Cumulus ").append(escape(provenance.path("cumulusVersion").asText())).append(" (commit ")
                    .append(escape(provenance.path("commit").asText())).append(")");
        }
        if (provenance.has("started")) {
            h.append("; started ").append(escape(provenance.path("started").asText()));
        }
        h.append(".</p>\n<h3>Job, as resolved</h3>\n<pre>")
                .append(escape(YAML.writeValueAsString(run.json().path("job")))).append("</pre>\n");
    }

    private static void cell(StringBuilder h, String key, JsonNode value) {
        h.append("<td>").append(value.isMissingNode() || value.isNull() ? "" : escape(Summary.value(key, value)))
                .append("</td>");
    }

    /** The keys of one object of run.json, in the order the runs first name them. */
    private static List<String> keys(List<ReportedRun> runs, String field) {
        Set<String> keys = new LinkedHashSet<>();
        for (ReportedRun run : runs) {
            for (Iterator<String> it = run.json().path(field).fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
        }
        if ("breakdown".equals(field)) {
            // wallSeconds closes the table, after the phases.
            keys.remove("wallSeconds");
            keys.add("wallSeconds");
        }
        return new ArrayList<>(keys);
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
