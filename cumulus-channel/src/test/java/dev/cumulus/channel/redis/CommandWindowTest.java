package dev.cumulus.channel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CommandWindowTest {
    private final List<Integer> sent = new ArrayList<>();
    private final List<CompletableFuture<Integer>> answers = new ArrayList<>();
    private final List<CompletableFuture<Integer>> results = new ArrayList<>();

    private void submit(CommandWindow window, long bytes) {
        int id = answers.size();
        answers.add(new CompletableFuture<>());
        results.add(window.submit(bytes, () -> {
            sent.add(id);
            return answers.get(id);
        }));
    }

    @Test
    void sendsWhileTheBytesInFlightAreBelowTheBudgetAndTheRestInOrderAsAnswersCome() {
        CommandWindow window = new CommandWindow(100);
        for (long bytes : new long[] {60, 60, 60, 10}) {
            submit(window, bytes);
        }
        assertThat(sent).containsExactly(0, 1);

        answers.get(1).complete(1);
        assertThat(results.get(1)).isCompletedWithValue(1);
        assertThat(sent).as("60 in flight: the third goes, the fourth waits behind it").containsExactly(0, 1, 2);

        answers.get(0).complete(0);
        assertThat(sent).containsExactly(0, 1, 2, 3);
        answers.get(2).complete(2);
        answers.get(3).complete(3);
        assertThat(results).allSatisfy(r -> assertThat(r).isCompleted());
    }

    @Test
    void smallCommandsAreAllSentAtOnce() {
        CommandWindow window = new CommandWindow(100);
        for (int i = 0; i < 16; i++) {
            submit(window, 5);
        }
        assertThat(sent).hasSize(16);
    }

    @Test
    void aCommandLargerThanTheBudgetGoesAloneAndTheNextWaitsForIt() {
        CommandWindow window = new CommandWindow(10);
        submit(window, 50);
        submit(window, 1);
        assertThat(sent).containsExactly(0);
        answers.get(0).complete(0);
        assertThat(sent).containsExactly(0, 1);
    }

    @Test
    void aCommandThatFailsToSendFailsItsFutureAndFreesItsBytes() {
        CommandWindow window = new CommandWindow(10);
        CompletableFuture<String> failed = window.submit(10, () -> {
            throw new IllegalStateException("connection closed");
        });
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("connection closed");

        CompletableFuture<String> refused = window.submit(10,
                () -> CompletableFuture.failedFuture(new IllegalStateException("refused")));
        assertThatThrownBy(refused::join).hasRootCauseMessage("refused");

        assertThat(window.submit(10, () -> CompletableFuture.completedFuture("next"))).isCompletedWithValue("next");
    }
}
