package dev.cumulus.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href|srcset|action|poster)\\s*=\\s*\"([^\"]*)\"");

    /** Every src or href is inline data: the page opens the same without a network. */
    static void assertSelfContained(String html) {
        Matcher m = REFERENCE.matcher(html);
        int references = 0;
        while (m.find()) {
            references++;
            assertThat(m.group(1)).as("reference %s", m.group(1).substring(0, Math.min(40, m.group(1).length())))
                    .startsWith("data:");
        }
        assertThat(references).isPositive();
        assertThat(html).doesNotContain("<link").doesNotContain("@import").doesNotContain("url(");
    }

    @Test
    void oneRunGetsAReportInItsDirectoryWithFiguresTablesAndJob(@TempDir Path dir) throws Exception {
        Path run = RunFixture.write(dir.resolve("run-a"), "aaaa1111", 4, 5);
        CliRun report = CliRun.of("report", run.toString());

        assertThat(report.exitCode()).as(report.err()).isZero();
        Path html = run.resolve("report.html");
        assertThat(report.out()).contains("testAccuracy").endsWith("report: " + html + System.lineSeparator());
        String page = Files.readString(html);
        assertSelfContained(page);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">")
                .contains("<table id=\"metrics\">", "<table id=\"breakdown\">", "testAccuracy", "0.6982", "$0.0000456")
                .contains("communicationSeconds", "wallSeconds")
                .contains("microseconds since the run's start")
                .contains("dataset:\n  source: higgs-like\n  rows: 4000\n")
                .contains("redis://:***@127.0.0.1:6379")
                .contains("&lt;b&gt;not markup&lt;/b&gt;").doesNotContain("<b>not markup</b>")
                .doesNotContain("<script");
        assertThat(Pattern.compile("<img src=\"data:image/png;base64,").matcher(page).results().count()).isEqualTo(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(html))).isEqualTo("rw-------");
    }

    @Test
    void severalRunsAreOverlaidInOneReport(@TempDir Path dir) throws Exception {
        Path a = RunFixture.write(dir.resolve("run-a"), "aaaa1111", 4, 5);
        Path b = RunFixture.write(dir.resolve("run-b"), "bbbb2222", 1000, 8);
        Path out = dir.resolve("compare/both.html");
        CliRun report = CliRun.of("report", a.toString(), b.toString(), "--out", out.toString());

        assertThat(report.exitCode()).as(report.err()).isZero();
        String page = Files.readString(out);
        assertSelfContained(page);
        assertThat(page).contains("2 runs compared", "Training loss against time", "Training loss against epochs",
                "Mean time per worker in each phase", "Breakdowns side by side", "aaaa1111", "bbbb2222")
                .contains("1000 workers, too many for a bar each");
        // three overlays and each run's breakdown
        assertThat(Pattern.compile("<img src=\"data:image/png;base64,").matcher(page).results().count()).isEqualTo(5);
        // one table of metrics and cost: a row per run
        String table = page.substring(page.indexOf("<table id=\"metrics\">"), page.indexOf("</table>"));
        assertThat(Pattern.compile("<tr><td>").matcher(table).results().count()).isEqualTo(2);
        assertThat(a.resolve("report.html")).doesNotExist();
    }

    @Test
    void aDirectoryThatIsNotARunIsNamed(@TempDir Path dir) {
        CliRun report = CliRun.of("report", dir.toString());
        assertThat(report.exitCode()).isNotZero();
        assertThat(report.err()).contains(dir.resolve("run.json").toString()).doesNotContain("\tat ");
    }
}
