package dev.cumulus.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cumulus.cli.CliRun;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens report.html in a real headless browser (Debian's chromium): it must load with no error
 * and show every figure decoded. A probe script, added to a copy of the page, writes what it saw
 * into attributes of the body, which {@code --dump-dom} prints. Without chromium the test is
 * skipped, except under CI ({@code CI=true}), where it fails.
 */
class ReportInBrowserTest {
    private static final String PROBE_HEAD = """
            <script>window.__problems=[];
            addEventListener('error',function(e){__problems.push(e.message||('failed to load '+(e.target&&e.target.tagName)));},true);
            (function(){var error=console.error;console.error=function(){__problems.push('console.error: '+[].join.call(arguments,' '));return error.apply(console,arguments);};})();
            </script>
            """;
    private static final String PROBE_BODY = """
            <script>addEventListener('load',function(){
            var images=[].slice.call(document.images),b=document.body;
            b.setAttribute('data-images',images.length);
            b.setAttribute('data-decoded',images.filter(function(i){return i.complete&&i.naturalWidth>0;}).length);
            b.setAttribute('data-widths',images.map(function(i){return i.naturalWidth;}).join(','));
            b.setAttribute('data-problems',__problems.join(' | '));
            b.setAttribute('data-probe','done');});</script>
            """;
    private static final long BROWSER_TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @Test
    void aReportOfOneRunLoadsWithoutErrorsAndShowsItsFigures() throws Exception {
        Path run = RunFixture.write(dir.resolve("run-a"), "aaaa1111", 4, 5);
        assertThat(CliRun.of("report", run.toString()).exitCode()).isZero();
        assertOpensCleanly(run.resolve("report.html"), 2);
    }

    @Test
    void aReportOfSeveralRunsLoadsWithoutErrorsAndShowsItsFigures() throws Exception {
        Path a = RunFixture.write(dir.resolve("run-a"), "aaaa1111", 4, 5);
        Path b = RunFixture.write(dir.resolve("run-b"), "bbbb2222", 1000, 8);
        Path out = dir.resolve("both.html");
        assertThat(CliRun.of("report", a.toString(), b.toString(), "--out", out.toString()).exitCode()).isZero();
        assertOpensCleanly(out, 5);
    }

    private void assertOpensCleanly(Path report, int figures) throws Exception {
        Path chromium = chromium();
        String page = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("<script");
        Path probed = dir.resolve("probed-" + report.getFileName());
        Files.writeString(probed, page.replace("<head>", "<head>\n" + PROBE_HEAD)
                .replace("</body>", PROBE_BODY + "</body>"));

        Path stdout = dir.resolve("dom.html");
        Path stderr = dir.resolve("chromium.log");
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--disable-gpu", "--no-sandbox",
                "--no-first-run", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=10000", "--dump-dom", probed.toUri().toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!browser.waitFor(BROWSER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            fail("chromium did not finish within " + BROWSER_TIMEOUT_SECONDS + " s; its log:\n"
                    + Files.readString(stderr));
        }
        String dom = Files.readString(stdout, StandardCharsets.UTF_8);
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(browser.exitValue()).as(log).isZero();

        assertThat(attribute(dom, "data-probe")).as("the probe ran; chromium's log:\n" + log).contains("done");
        assertThat(attribute(dom, "data-problems")).as("errors on the page").contains("");
        assertThat(attribute(dom, "data-images")).contains(String.valueOf(figures));
        assertThat(attribute(dom, "data-decoded")).as("decoded figures, widths " + attribute(dom, "data-widths"))
                .contains(String.valueOf(figures));
        assertThat(attribute(dom, "data-widths").orElseThrow().split(",")).containsOnly(String.valueOf(Plots.WIDTH));
        List<String> consoleErrors = new ArrayList<>();
        for (String line : log.split("\n")) {
            // The page has no script of its own, and the probe logs nothing: any console message is a problem.
            if (line.contains("Uncaught") || line.contains(":CONSOLE")
                    || line.contains("ERR_") && line.contains(probed.getFileName().toString())) {
                consoleErrors.add(line);
            }
        }
        assertThat(consoleErrors).as("console errors").isEmpty();
    }

    private static Optional<String> attribute(String dom, String name) {
        Matcher m = Pattern.compile("<body[^>]*\\s" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(dom);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Debian's chromium (or another Chromium on the PATH); skips the test without one, unless under CI. */
    private static Path chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path candidate = Path.of(entry, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String message = "chromium is not installed (apt-get install chromium): cannot open report.html in a browser";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + ", and CI=true requires it");
        }
        Assumptions.abort(message + "; skipped (CI is not set)");
        throw new IllegalStateException("unreachable");
    }
}
