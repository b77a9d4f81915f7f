package dev.cumulus.channel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CommandWindowTest {

    @Test
    void sendsAtMostTheLimitAtOnceAndTheRestInOrderAsAnswersCome() {
        CommandWindow window = new CommandWindow(2);
        List<Integer> sent = new ArrayList<>();
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int id = i;
            answers.add(new CompletableFuture<>());
            results.add(window.submit(() -> {
                sent.add(id);
                return answers.get(id);
            }));
        }
        assertThat(sent).containsExactly(0, 1);

        answers.get(1).complete(10);
        assertThat(sent).containsExactly(0, 1, 2);
        assertThat(results.get(1)).isCompletedWithValue(10);
        assertThat(results.get(0)).isNotDone();

        answers.get(0).complete(0);
        answers.get(2).complete(20);
        assertThat(sent).containsExactly(0, 1, 2, 3, 4);
        answers.get(3).complete(30);
        answers.get(4).complete(40);
        assertThat(results).allSatisfy(r -> assertThat(r).isCompleted());
        assertThat(results.get(4).join()).isEqualTo(40);
    }

    @Test
    void aCommandThatFailsToSendFailsItsFutureAndFreesItsPlace() {
        CommandWindow window = new CommandWindow(1);
        CompletableFuture<String> failed = window.submit(() -> {
            throw new IllegalStateException("connection closed");
        });
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("connection closed");

        CompletableFuture<String> refused = window.submit(() -> CompletableFuture.failedFuture(new IllegalStateException("refused")));
        assertThatThrownBy(refused::join).hasRootCauseMessage("refused");

        assertThat(window.submit(() -> CompletableFuture.completedFuture("next"))).isCompletedWithValue("next");
    }
}
