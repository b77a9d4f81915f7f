package dev.cumulus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.cli.data.DataCommand;
import dev.cumulus.cli.train.TrainCommand;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void aRunOfOneCommandBuildsOnlyThatCommand() {
        assertThat(Main.commandsFor("train", "job.yaml", "--set", "workers=2")).containsExactly(TrainCommand.class);
        assertThat(Main.commandsFor("--debug", "data", "inspect", "x.csv")).containsExactly(DataCommand.class);
    }

    @Test
    void helpNoCommandOrAnUnknownOneBuildsTheWholeTree() {
        assertThat(Main.commandsFor("help", "train")).isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsFor()).isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsFor("--version")).isEqualTo(Main.COMMANDS);
        assertThat(Main.commandsFor("tran", "job.yaml")).isEqualTo(Main.COMMANDS);
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatNamesIt() {
        CliRun run = CliRun.of("tran", "job.yaml");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'tran'").contains("cumulus --help");
    }
}
