package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void reopeningRecoversEveryRecordInOrder() throws IOException {
        Path file = dir.resolve("journal.log");
        try (Journal journal = Journal.open(file, true)) {
            journal.append(new JournalRecord(1, 0, 0, new float[] {1, 2}));
            journal.append(new JournalRecord(2, 1, 0, new float[] {3, 4}));
        }
        try (Journal journal = Journal.open(file, true)) {
            assertThat(journal.recovered()).hasSize(2);
            assertThat(journal.recovered().get(1).sequence()).isEqualTo(2);
            assertThat(journal.recovered().get(1).worker()).isEqualTo(1);
            assertThat(journal.recovered().get(1).gradient()).containsExactly(3, 4);
        }
    }

    @Test
    void cutsOffATornTailAndKeepsWhatIsAppendedAfterIt() throws IOException {
        Path file = dir.resolve("journal.log");
        try (Journal journal = Journal.open(file, true)) {
            journal.append(new JournalRecord(1, 0, 0, new float[] {1, 2}));
            journal.append(new JournalRecord(2, 1, 0, new float[] {3, 4}));
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3), StandardOpenOption.TRUNCATE_EXISTING);
        try (Journal journal = Journal.open(file, true)) {
            assertThat(journal.recovered()).extracting(JournalRecord::sequence).containsExactly(1L);
            journal.append(new JournalRecord(2, 2, 0, new float[] {5, 6}));
        }
        try (Journal journal = Journal.open(file, true)) {
            assertThat(journal.recovered()).extracting(JournalRecord::worker).containsExactly(0, 2);
        }
    }

    @Test
    void stopsAtACorruptRecord() throws IOException {
        Path file = dir.resolve("journal.log");
        try (Journal journal = Journal.open(file, true)) {
            journal.append(new JournalRecord(1, 0, 0, new float[] {1, 2}));
            journal.append(new JournalRecord(2, 1, 0, new float[] {3, 4}));
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x40;
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        try (Journal journal = Journal.open(file, true)) {
            assertThat(journal.recovered()).extracting(JournalRecord::sequence).containsExactly(1L);
        }
    }

    @Test
    void clearingLeavesNothingToRecover() throws IOException {
        Path file = dir.resolve("journal.log");
        try (Journal journal = Journal.open(file, false)) {
            journal.append(new JournalRecord(1, 0, 0, new float[] {1}));
            journal.clear();
        }
        try (Journal journal = Journal.open(file, false)) {
            assertThat(journal.recovered()).isEmpty();
        }
    }
}
