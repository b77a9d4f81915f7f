package dev.cumulus.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStatusTest {

    @Test
    void aRunStoppedByASignalStaysInterruptedWhateverItReportsAfterwards(@TempDir Path dir) throws Exception {
        RunStatus status = new RunStatus(dir);
        status.running();
        assertThat(Files.readString(dir.resolve(RunStatus.FILE))).contains("\"status\": \"running\"");
        status.interrupted();
        // The run's own thread, racing the signal's hook: its platform was closed under it.
        status.failed("The threads platform is closed");
        status.finished();
        assertThat(Files.readString(dir.resolve(RunStatus.FILE))).contains("\"status\": \"interrupted\"")
                .doesNotContain("platform is closed");
    }

    @Test
    void aFailureBeforeAnySignalIsRecordedWithItsReason(@TempDir Path dir) throws Exception {
        RunStatus status = new RunStatus(dir);
        status.running();
        status.failed("binary classifier on 5 classes");
        assertThat(Files.readString(dir.resolve(RunStatus.FILE))).contains("\"status\": \"failed\"")
                .contains("binary classifier");
    }
}
