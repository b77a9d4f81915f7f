package dev.cumulus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * Every command and subcommand registered under {@code cumulus}, found by walking the command
 * tree, so that commands added later are covered without editing this test.
 */
class HelpEverywhereTest {

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelpAndH() {
        List<List<String>> paths = new ArrayList<>();
        walk(Main.commandLine(false), new ArrayList<>(), paths);
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("", "train", "report", "help", "simulate gc");
        return paths.stream().flatMap(path -> Stream.of("--help", "-h").map(flag -> {
            List<String> args = new ArrayList<>(path);
            args.add(flag);
            String line = String.join(" ", args);
            return DynamicTest.dynamicTest("cumulus " + line, () -> {
                CliRun run = CliRun.of(args.toArray(String[]::new));
                assertThat(run.exitCode()).as(line + "\n" + run.err()).isZero();
                assertThat(run.err()).as(line).isEmpty();
                assertThat(run.out()).as(line).contains("Usage: cumulus" + (path.isEmpty() ? "" : " " + line.substring(0,
                        line.length() - flag.length()).trim()));
            });
        }));
    }

    @Test
    void helpCommandShowsTheUsageOfTheCommandItNames() {
        CliRun run = CliRun.of("help", "train");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("Usage: cumulus train").contains("--out").contains("--force");
        CliRun top = CliRun.of("help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).startsWith("Usage: cumulus").contains("train").contains("help");
    }

    @Test
    void trainHelpIsNotAMissingJobFile() {
        CliRun run = CliRun.of("train", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("JOB.yaml").doesNotContain("Missing");
    }

    private static void walk(CommandLine command, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (!sub.getKey().equals(sub.getValue().getCommandName())) {
                continue; // an alias of a command walked under its own name
            }
            List<String> child = new ArrayList<>(path);
            child.add(sub.getKey());
            walk(sub.getValue(), child, out);
        }
    }
}
