package dev.cumulus.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

class FuturesTest {

    private static <T> FutureTask<T> ran(java.util.concurrent.Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        task.run();
        return task;
    }

    @Test
    void givesTheResultAndRethrowsWhatTheWorkThrewAsItWas() {
        assertThat(Futures.await(ran(() -> 42), "counting")).isEqualTo(42);
        IllegalArgumentException runtime = new IllegalArgumentException("bad line 3");
        assertThatThrownBy(() -> Futures.await(ran(() -> {
            throw runtime;
        }), "reading")).isSameAs(runtime);
        StackOverflowError error = new StackOverflowError();
        assertThatThrownBy(() -> Futures.await(ran(() -> {
            throw error;
        }), "reading")).isSameAs(error);
        IOException checked = new IOException("disk");
        assertThatThrownBy(() -> Futures.await(ran(() -> {
            throw checked;
        }), "reading the file")).isInstanceOf(IllegalStateException.class).hasCause(checked)
                .hasMessageContaining("reading the file failed");
    }

    @Test
    void anInterruptedWaitKeepsTheFlagAndSaysWhatItWaitedFor() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Futures.await(new CompletableFuture<>(), "reading the test set"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("interrupted while reading the test set");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
