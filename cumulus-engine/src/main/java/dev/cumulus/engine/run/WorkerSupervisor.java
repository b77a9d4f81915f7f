package dev.cumulus.engine.run;

import dev.cumulus.channel.Channel;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.protocol.ProgressBoard;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.protocol.RunProgress;
import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.FunctionPlatform;
import dev.cumulus.runtime.Invocation;
import dev.cumulus.runtime.InvocationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Invokes the functions of a run and watches them until every one is done, whatever its role.
 *
 * <p>Each rank is followed along its chain of successors (a worker near its time limit invokes
 * the next one itself). A rank whose current invocation failed (error, time-out, killed process)
 * or, where the platform cannot show the chain, whose heartbeat stopped, is re-invoked from the
 * run's checkpoint; under BSP the other workers simply wait for it in their collective. A rank
 * that is still failing when its restarts are spent fails the run, unless its role may end
 * unfinished ({@link dev.cumulus.engine.protocol.RoleSpec#mayEndUnfinished()}): then it is given up
 * and the others go on (a peer whose own store died, which the other peers exclude).
 */
final class WorkerSupervisor {
    private static final long POLL_MILLIS = 100;
    private static final long FINAL_RESULT_WAIT_SECONDS = 30;
    /** A rank whose heartbeat is gone this long, with no invocation to watch, is presumed dead. */
    private static final long SILENCE_MILLIS = 3 * Heartbeat.EXPIRY.toMillis();

    private final FunctionPlatform platform;
    private final Channel channel;
    private final FunctionLimits limits;
    private final int maxRestarts;
    private final Consumer<String> log;
    private final ProgressBoard board;
    private final Consumer<RunProgress> progress;
    private RunProgress lastProgress;
    private final List<InvocationResult> results = new ArrayList<>();
    private int restarts;
    private final List<String> unfinished = new ArrayList<>();
    /** Wakes the watch loop before its poll interval is over: an invocation returned, or the run was aborted. */
    private final Object wake = new Object();
    private boolean woken;
    private volatile RuntimeException abort;

    WorkerSupervisor(FunctionPlatform platform, Channel channel, FunctionLimits limits, int maxRestarts,
            Consumer<String> log, ProgressBoard board, Consumer<RunProgress> progress) {
        this.platform = platform;
        this.channel = channel;
        this.limits = limits;
        this.maxRestarts = maxRestarts;
        this.log = log;
        this.board = board;
        this.progress = progress;
    }

    /** Runs every task to completion, or throws TrainingFailedException naming the rank and why. */
    void runAll(List<RoleTask> tasks) {
        int n = tasks.size();
        Rank[] ranks = new Rank[n];
        for (int r = 0; r < n; r++) {
            ranks[r] = new Rank(tasks.get(r));
            ranks[r].current = watched(platform.invoke(TrainingFunction.NAME, tasks.get(r).encode(), limits));
        }
        int done = 0;
        while (done < n) {
            if (abort != null) {
                throw abort;
            }
            done = 0;
            for (Rank rank : ranks) {
                if (rank.finished || channel.get(rank.task.keys().done(rank.task.role())).isPresent()) {
                    rank.finished = true;
                    done++;
                } else {
                    watch(rank);
                }
            }
            if (done < n) {
                forwardProgress();
                sleep();
            }
        }
        for (Rank rank : ranks) {
            collectFinalResult(rank);
        }
    }

    private void forwardProgress() {
        board.read().filter(p -> !p.equals(lastProgress)).ifPresent(p -> {
            lastProgress = p;
            progress.accept(p);
        });
    }

    /** The last invocation of a finished rank is returning; its result completes the bill's statistics. */
    private void collectFinalResult(Rank rank) {
        if (rank.current == null) {
            return;
        }
        try {
            results.add(rank.current.result().get(FINAL_RESULT_WAIT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException | ExecutionException e) {
            log.accept(rank.task.role().id() + " finished but its invocation did not return within "
                    + FINAL_RESULT_WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int restarts() {
        return restarts;
    }

    /** The functions given up after their restarts, by id, in the order they were given up. */
    List<String> unfinished() {
        return List.copyOf(unfinished);
    }

    /** Results of every invocation that ended, for the bill and the start-up statistics. */
    List<InvocationResult> results() {
        return List.copyOf(results);
    }

    private void watch(Rank rank) {
        if (rank.current == null) {
            boolean alive = channel.get(rank.task.keys().heartbeat(rank.task.role())).isPresent();
            long now = System.currentTimeMillis();
            if (alive) {
                rank.lastSeenMillis = now;
            } else if (now - rank.lastSeenMillis > SILENCE_MILLIS) {
                restart(rank, "its heartbeat stopped");
            }
            return;
        }
        if (!rank.current.result().isDone()) {
            return;
        }
        InvocationResult result = rank.current.result().join();
        results.add(result);
        if (result.status().succeeded()) {
            if (result.invokedIds().isEmpty()) {
                // Finished without a successor: its done key is about to be visible, or it never will be.
                if (channel.get(rank.task.keys().done(rank.task.role())).isEmpty()) {
                    restart(rank, "it returned without finishing or handing over");
                }
                return;
            }
            String successor = result.invokedIds().get(result.invokedIds().size() - 1);
            rank.current = platform.find(successor).map(this::watched).orElse(null);
            rank.lastSeenMillis = System.currentTimeMillis();
            return;
        }
        restart(rank, result.status() + (result.errorMessage().isEmpty() ? "" : ": " + result.errorMessage()));
    }

    private void restart(Rank rank, String why) {
        if (abort != null) {
            // The run is being stopped: the function ended because of that, not of its own.
            throw abort;
        }
        String r = rank.task.role().id();
        if (rank.restarts >= maxRestarts && rank.task.role().mayEndUnfinished()) {
            rank.finished = true;
            rank.current = null;
            unfinished.add(r);
            log.accept(r + " ended unfinished: it failed " + (rank.restarts + 1) + " times (last: " + why
                    + "); its role may end so, and the run goes on without it");
            return;
        }
        if (rank.restarts >= maxRestarts) {
            throw new TrainingFailedException(r + " failed " + (rank.restarts + 1) + " times; last: " + why,
                    null);
        }
        rank.restarts++;
        restarts++;
        log.accept(r + " died (" + why + "); re-invoking it from the last checkpoint");
        RoleTask resumed = rank.task.resumed(Timeline.nowEpochMicros());
        rank.current = watched(platform.invoke(TrainingFunction.NAME, resumed.encode(), limits));
        rank.lastSeenMillis = System.currentTimeMillis();
    }

    /**
     * Ends {@link #runAll} with {@code failure} at its next check, which this call brings forward:
     * for what fails beside the functions (the test set's reading) and makes the run pointless.
     * Thread-safe; the first failure wins.
     */
    void abort(RuntimeException failure) {
        synchronized (wake) {
            if (abort == null) {
                abort = failure;
            }
            woken = true;
            wake.notifyAll();
        }
    }

    /**
     * {@code invocation}, which wakes the watch loop when it returns: a run whose functions finish in a
     * third of a second no longer waits for the rest of a poll interval to see it (50 ms on average).
     */
    private Invocation watched(Invocation invocation) {
        invocation.result().whenComplete((result, failure) -> {
            synchronized (wake) {
                woken = true;
                wake.notifyAll();
            }
        });
        return invocation;
    }

    /** Waits for the poll interval, or until an invocation returns or the run is aborted. */
    private void sleep() {
        try {
            synchronized (wake) {
                if (!woken) {
                    wake.wait(POLL_MILLIS);
                }
                woken = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingFailedException("interrupted while waiting for workers", e);
        }
    }

    private static final class Rank {
        final RoleTask task;
        Invocation current;
        boolean finished;
        int restarts;
        long lastSeenMillis = System.currentTimeMillis();

        Rank(RoleTask task) {
            this.task = task;
        }
    }
}
