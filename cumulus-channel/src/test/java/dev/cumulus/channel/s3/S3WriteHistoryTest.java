package dev.cumulus.channel.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.s3.WriteHistory.Outcome;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link WriteHistory}: how a resent conditional write refused by the store reads the history of the object stored now. */
class S3WriteHistoryTest {

    /** The history after {@code writes} further writes on top of {@code start}, as stored in metadata. */
    private static WriteHistory after(WriteHistory start, int writes) {
        WriteHistory history = start;
        for (int i = 0; i < writes; i++) {
            history = history.then(WriteHistory.newToken());
        }
        return WriteHistory.of(Map.of(WriteHistory.METADATA, history.encode()));
    }

    @Test
    void aWriteIsFoundUnderLaterWritesUntilTheHistoryIsFull() {
        String mine = WriteHistory.newToken();
        WriteHistory withMine = WriteHistory.NONE.then(mine);
        assertThat(after(withMine, WriteHistory.LENGTH - 1).outcomeOf(mine, Optional.empty())).isEqualTo(Outcome.APPLIED);
        assertThat(after(withMine, WriteHistory.LENGTH).outcomeOf(mine, Optional.empty())).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void anotherWriteAfterTheObjectReplacedMeansMineWasNotApplied() {
        WriteHistory read = after(WriteHistory.NONE, 5);
        String replaced = read.newest().orElseThrow();
        WriteHistory theirs = after(read, WriteHistory.LENGTH - 1);
        assertThat(theirs.outcomeOf(WriteHistory.newToken(), Optional.of(replaced))).isEqualTo(Outcome.NOT_APPLIED);
        assertThat(after(theirs, 1).outcomeOf(WriteHistory.newToken(), Optional.of(replaced))).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void aNewObjectWithAShortHistoryWithoutMineWasWrittenByAnother() {
        assertThat(after(WriteHistory.NONE, 3).outcomeOf(WriteHistory.newToken(), Optional.empty()))
                .isEqualTo(Outcome.NOT_APPLIED);
    }

    @Test
    void anObjectWrittenByAPlainPutHasNoHistory() {
        assertThat(WriteHistory.of(Map.of())).satisfies(h -> assertThat(h.newest()).isEmpty());
        assertThat(WriteHistory.of(Map.of()).outcomeOf(WriteHistory.newToken(), Optional.of("gone")))
                .isEqualTo(Outcome.NOT_APPLIED);
    }

    @Test
    void theHistoryFitsInS3sTwoKilobytesOfMetadata() {
        WriteHistory full = after(WriteHistory.NONE, 3 * WriteHistory.LENGTH);
        assertThat(full.encode().split("\\.")).hasSize(WriteHistory.LENGTH);
        assertThat(WriteHistory.METADATA.length() + full.encode().length()).isLessThan(1024);
    }
}
