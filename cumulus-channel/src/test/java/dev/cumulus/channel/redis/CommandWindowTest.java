package dev.cumulus.channel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class CommandWindowTest {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    /** Each write the window made, as the ids of the requests whose commands it carried. */
    private final List<List<Integer>> writes = new ArrayList<>();
    private final List<RedisCommand<String, byte[], ?>> commands = new ArrayList<>();
    private final List<CompletableFuture<Integer>> answers = new ArrayList<>();

    private final CommandWindow window = new CommandWindow(100, this::write);

    private void write(List<RedisCommand<String, byte[], ?>> sent) {
        List<Integer> ids = new ArrayList<>();
        for (RedisCommand<String, byte[], ?> c : sent) {
            for (int id = 0; id < commands.size(); id++) {
                if (commands.get(id) == c) {
                    ids.add(id);
                }
            }
        }
        writes.add(ids);
    }

    private CommandWindow.Request<Integer> request(long bytes) {
        int id = commands.size();
        commands.add(new Command<>(CommandType.GET, new ValueOutput<>(CODEC), new CommandArgs<>(CODEC).addKey("k" + id)));
        answers.add(new CompletableFuture<>());
        return new CommandWindow.Request<>(bytes, List.of(commands.get(id)), answers.get(id));
    }

    private List<CompletableFuture<Integer>> submitAll(long... sizes) {
        List<CommandWindow.Request<Integer>> requests = new ArrayList<>();
        for (long bytes : sizes) {
            requests.add(request(bytes));
        }
        return window.submitAll(requests);
    }

    @Test
    void sendsWhileTheBytesInFlightAreBelowTheBudgetAndTheRestInOrderAsAnswersCome() {
        List<CompletableFuture<Integer>> results = submitAll(60, 60, 60, 10);
        assertThat(writes).containsExactly(List.of(0, 1));

        answers.get(1).complete(1);
        assertThat(results.get(1)).isCompletedWithValue(1);
        assertThat(writes).as("60 in flight: the third goes, the fourth waits behind it")
                .containsExactly(List.of(0, 1), List.of(2));

        answers.get(0).complete(0);
        assertThat(writes).containsExactly(List.of(0, 1), List.of(2), List.of(3));
        answers.get(2).complete(2);
        answers.get(3).complete(3);
        assertThat(results).allSatisfy(r -> assertThat(r).isCompleted());
    }

    @Test
    void smallRequestsSubmittedTogetherGoInOneWrite() {
        submitAll(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5);
        assertThat(writes).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    }

    @Test
    void theRequestsOneAnswerLetsInGoInOneWrite() {
        submitAll(100, 40, 40, 40, 40);
        assertThat(writes).containsExactly(List.of(0));
        answers.get(0).complete(0);
        assertThat(writes).as("80 in flight still lets the third 40 go; the fourth waits")
                .containsExactly(List.of(0), List.of(1, 2, 3));
    }

    @Test
    void aRequestOfSeveralCommandsIsWrittenWhole() {
        RedisCommand<String, byte[], ?> set = new Command<>(CommandType.SET, new ValueOutput<>(CODEC),
                new CommandArgs<>(CODEC).addKey("k").addValue(new byte[1]));
        RedisCommand<String, byte[], ?> ring = new Command<>(CommandType.XADD, new ValueOutput<>(CODEC),
                new CommandArgs<>(CODEC).addKey("cumulus:bell:k").add("*").add("p").addValue(new byte[0]));
        List<List<RedisCommand<String, byte[], ?>>> sent = new ArrayList<>();
        CommandWindow pair = new CommandWindow(10, sent::add);
        CompletableFuture<String> answer = new CompletableFuture<>();
        CompletableFuture<String> result = pair.submit(new CommandWindow.Request<>(1, List.of(set, ring), answer));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).containsExactly(set, ring);
        answer.complete("OK");
        assertThat(result).isCompletedWithValue("OK");
    }

    @Test
    void aRequestLargerThanTheBudgetGoesAloneAndTheNextWaitsForIt() {
        submitAll(500, 1);
        assertThat(writes).containsExactly(List.of(0));
        answers.get(0).complete(0);
        assertThat(writes).containsExactly(List.of(0), List.of(1));
    }

    @Test
    void aWriteThatThrowsFailsItsRequestsAndFreesTheirBytes() {
        List<Integer> attempts = new ArrayList<>();
        CommandWindow failing = new CommandWindow(10, sent -> {
            attempts.add(sent.size());
            if (attempts.size() == 1) {
                throw new IllegalStateException("connection closed");
            }
        });
        List<CommandWindow.Request<Integer>> requests = List.of(request(6), request(6), request(6));
        List<CompletableFuture<Integer>> results = failing.submitAll(requests);
        assertThatThrownBy(results.get(0)::join).isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("connection closed");
        assertThat(results.get(1)).isCompletedExceptionally();
        assertThat(attempts).as("the failed write freed 12 bytes: the third request went").containsExactly(2, 1);
        answers.get(2).complete(2);
        assertThat(results.get(2)).isCompletedWithValue(2);

        CompletableFuture<Integer> refused = failing.submit(request(10));
        answers.get(3).completeExceptionally(new IllegalStateException("refused"));
        assertThatThrownBy(refused::join).hasRootCauseMessage("refused");
        CompletableFuture<Integer> next = failing.submit(request(10));
        answers.get(4).complete(4);
        assertThat(next).isCompletedWithValue(4);
    }
}
