package dev.cumulus.ps;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The latest model, published once per change, and the pulls waiting for a round it has not reached.
 * A waiting pull holds no thread: it is answered when its round is published or its wait runs out.
 */
final class ModelBoard implements AutoCloseable {

    /** A registered pull; {@link #cancel()} forgets it (the caller went away). */
    final class Waiter {
        private final long round;
        private final Consumer<Messages.PullReply> reply;
        private final AtomicBoolean answered = new AtomicBoolean();
        private final long registeredNanos = System.nanoTime();
        private ScheduledFuture<?> timeout;

        private Waiter(long round, Consumer<Messages.PullReply> reply) {
            this.round = round;
            this.reply = reply;
        }

        void cancel() {
            if (answered.compareAndSet(false, true)) {
                forget(this);
            }
        }

        private void answer(Messages.PullReply message) {
            if (answered.compareAndSet(false, true)) {
                if (timeout != null) {
                    timeout.cancel(false);
                }
                reply.accept(new Messages.PullReply(message.ready(), message.round(), message.parameters(),
                        (System.nanoTime() - registeredNanos) / 1_000));
            }
        }
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cumulus-ps-pull-timeouts");
        t.setDaemon(true);
        return t;
    });
    private final List<Waiter> waiters = new ArrayList<>();
    private PulledModel latest;

    /**
     * Makes {@code model} the latest and answers every pull it satisfies; a model older than the
     * latest is ignored (pushes publish once durable, and a later round's force can finish first).
     */
    void publish(PulledModel model) {
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            if (latest != null && model.round() <= latest.round()) {
                return;
            }
            latest = model;
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
                Waiter w = it.next();
                if (w.round <= model.round()) {
                    ready.add(w);
                    it.remove();
                }
            }
        }
        Messages.PullReply reply = new Messages.PullReply(true, model.round(), model.parameters());
        for (Waiter w : ready) {
            w.answer(reply);
        }
    }

    /**
     * Answers with the latest model if its round is at least {@code round}, else once such a model
     * is published, else after {@code waitMillis} with only the round reached (-1 if no model yet).
     */
    Waiter await(long round, long waitMillis, Consumer<Messages.PullReply> reply) {
        Waiter waiter = new Waiter(round, reply);
        PulledModel now;
        synchronized (this) {
            now = latest;
            boolean satisfied = now != null && now.round() >= round;
            if (!satisfied && waitMillis > 0) {
                waiters.add(waiter);
                waiter.timeout = timer.schedule(() -> expire(waiter), waitMillis, TimeUnit.MILLISECONDS);
                return waiter;
            }
        }
        waiter.answer(replyFor(now, round));
        return waiter;
    }

    private void expire(Waiter waiter) {
        PulledModel now;
        synchronized (this) {
            waiters.remove(waiter);
            now = latest;
        }
        waiter.answer(replyFor(now, waiter.round));
    }

    private synchronized void forget(Waiter waiter) {
        waiters.remove(waiter);
        if (waiter.timeout != null) {
            waiter.timeout.cancel(false);
        }
    }

    private static Messages.PullReply replyFor(PulledModel model, long round) {
        if (model != null && model.round() >= round) {
            return new Messages.PullReply(true, model.round(), model.parameters());
        }
        return new Messages.PullReply(false, model == null ? -1 : model.round(), new float[0]);
    }

    /** Answers every waiting pull with the round reached ("not yet"), and stops the timer. */
    @Override
    public void close() {
        timer.shutdownNow();
        List<Waiter> left;
        PulledModel now;
        synchronized (this) {
            left = new ArrayList<>(waiters);
            waiters.clear();
            now = latest;
        }
        for (Waiter w : left) {
            w.answer(replyFor(now, w.round));
        }
    }
}
