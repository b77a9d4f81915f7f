package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private final AtomicLong appended = new AtomicLong();
    private final AtomicInteger forcesRun = new AtomicInteger();
    private final CountDownLatch forceMayFinish = new CountDownLatch(1);
    private final GroupCommit commits = new GroupCommit(() -> {
        forcesRun.incrementAndGet();
        try {
            forceMayFinish.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }, appended::get);

    @Test
    void aPushIsNotAcknowledgedBeforeTheForceThatCoversItEnds() throws Exception {
        appended.set(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> awaitDurable(1));
        waitUntil(() -> forcesRun.get() == 1);
        Thread.sleep(50);
        assertThat(first).isNotDone();
        forceMayFinish.countDown();
        first.get(30, TimeUnit.SECONDS);
        assertThat(commits.forces()).isEqualTo(1);
    }

    @Test
    void pushesThatQueueDuringAForceShareTheNextOne() throws Exception {
        appended.set(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> awaitDurable(1));
        waitUntil(() -> forcesRun.get() == 1);
        // Appended while the first force runs: not covered by it, so both wait for the next force.
        appended.set(3);
        Thread second = new Thread(() -> awaitDurable(2));
        Thread third = new Thread(() -> awaitDurable(3));
        second.start();
        third.start();
        waitUntil(() -> second.getState() == Thread.State.BLOCKED && third.getState() == Thread.State.BLOCKED);
        forceMayFinish.countDown();
        first.get(30, TimeUnit.SECONDS);
        second.join(30_000);
        third.join(30_000);
        assertThat(commits.forces()).as("one force for the first push, one shared by the other two").isEqualTo(2);
    }

    @Test
    void aSnapshotMakesEarlierRecordsDurableWithoutAForce() throws IOException {
        appended.set(5);
        commits.markDurable(5);
        commits.awaitDurable(4);
        commits.awaitDurable(5);
        assertThat(commits.forces()).isZero();
    }

    @Test
    void aFailedForceIsNotAnAcknowledgementAndTheNextPushTriesAgain() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit failingOnce = new GroupCommit(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("disk full");
            }
        }, () -> 1);
        assertThatThrownBy(() -> failingOnce.awaitDurable(1)).isInstanceOf(IOException.class).hasMessage("disk full");
        failingOnce.awaitDurable(1);
        assertThat(calls.get()).isEqualTo(2);
    }

    private void awaitDurable(long sequence) {
        try {
            commits.awaitDurable(sequence);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
