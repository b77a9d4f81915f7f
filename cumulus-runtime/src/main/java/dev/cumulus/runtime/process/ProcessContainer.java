package dev.cumulus.runtime.process;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.InvalidInvocationException;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.local.Container;
import dev.cumulus.runtime.local.ContainerStartException;
import dev.cumulus.runtime.local.Outcome;
import dev.cumulus.runtime.local.Task;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sandbox that is one child JVM running {@link FunctionProcessMain}. Time limits and kills end the
 * process (SIGKILL), and the process's death, with its exit code or signal, ends the running invocation
 * at once.
 */
final class ProcessContainer implements Container {

    private enum Stop { NONE, CANCEL, KILL, TIMEOUT }

    private final String functionName;
    private final Process process;
    private final DataOutputStream toChild;
    private final DataInputStream fromChild;
    private final Path stderrLog;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile CompletableFuture<Outcome> current;
    private volatile Task currentTask;
    private volatile long runStartNanos;
    private volatile Stop stop = Stop.NONE;
    private volatile boolean reusable = true;

    private ProcessContainer(String functionName, Process process, Path stderrLog) {
        this.functionName = functionName;
        this.process = process;
        this.stderrLog = stderrLog;
        this.toChild = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.fromChild = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    /** Starts the process and waits until it reports ready. */
    static ProcessContainer start(String functionName, List<String> command, Path stderrLog, Duration initTimeout)
            throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()))
                    .start();
        } catch (IOException e) {
            throw new ContainerStartException("Cannot start a process for function '" + functionName + "' with command "
                    + command + ": " + e.getMessage(), e);
        }
        ProcessContainer container = new ProcessContainer(functionName, process, stderrLog);
        Thread reader = new Thread(container::readFrames, "cumulus-process-" + process.pid() + "-reader");
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(container::exited);
        try {
            container.ready.get(initTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return container;
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new ContainerStartException("The process for function '" + functionName + "' (command " + command
                    + ") did not report ready within " + initTimeout.toMillis() + " ms" + container.stderrTail(), e);
        } catch (ExecutionException e) {
            throw new ContainerStartException("The process for function '" + functionName + "' (command " + command
                    + ") ended before it was ready: " + e.getCause().getMessage() + container.stderrTail(), e.getCause());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    @Override
    public Outcome run(Task task) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        runStartNanos = System.nanoTime();
        currentTask = task;
        current = done;
        try {
            if (!process.isAlive()) {
                exited();
            } else {
                send(task);
            }
            long waitNanos = Math.max(0, Duration.between(Instant.now(), task.deadline()).toNanos());
            try {
                return done.get(waitNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                end(Stop.TIMEOUT);
                // The exit handler completes the outcome with the exit code; don't wait for it forever.
                return done.completeOnTimeout(outcome(InvocationStatus.TIMEOUT, timeoutMessage(task), OptionalInt.empty()),
                        5, TimeUnit.SECONDS).join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end(Stop.KILL);
                return done.completeOnTimeout(outcome(InvocationStatus.KILLED, "killed: the platform is closing",
                        OptionalInt.empty()), 5, TimeUnit.SECONDS).join();
            } catch (ExecutionException e) {
                return outcome(InvocationStatus.ERROR, Outcome.describe(e.getCause()), OptionalInt.empty());
            }
        } finally {
            current = null;
            currentTask = null;
        }
    }

    @Override
    public void stop(boolean abrupt) {
        end(abrupt ? Stop.KILL : Stop.CANCEL);
    }

    @Override
    public boolean reusable() {
        return reusable && process.isAlive();
    }

    @Override
    public void close() {
        reusable = false;
        if (!process.isAlive()) {
            return;
        }
        try {
            // End of input asks the process to exit on its own; it is killed if it does not.
            toChild.close();
        } catch (IOException e) {
            process.destroyForcibly();
            return;
        }
        process.onExit().completeOnTimeout(process, 2, TimeUnit.SECONDS).thenRun(() -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        });
    }

    /** The child's process id. */
    long pid() {
        return process.pid();
    }

    private void send(Task task) {
        try {
            synchronized (toChild) {
                toChild.writeByte(Frames.REQUEST);
                Frames.writeString(toChild, task.invocationId());
                Frames.writeString(toChild, task.functionName());
                Frames.writeString(toChild, task.className());
                toChild.writeInt(task.limits().memoryMb());
                toChild.writeInt(task.limits().timeoutSeconds());
                toChild.writeLong(task.deadline().toEpochMilli());
                Frames.writeBytes(toChild, task.payload());
                toChild.flush();
            }
        } catch (IOException e) {
            // A broken pipe means the process is dying; its exit handler reports how.
            reusable = false;
        }
    }

    private void end(Stop reason) {
        reusable = false;
        if (stop == Stop.NONE) {
            stop = reason;
        }
        if (reason == Stop.CANCEL) {
            process.destroy();
        } else {
            process.destroyForcibly();
        }
    }

    private void readFrames() {
        try {
            while (true) {
                int type = Frames.readType(fromChild);
                if (type < 0) {
                    return;
                }
                switch (type) {
                    case Frames.READY -> {
                        fromChild.readLong();
                        ready.complete(null);
                    }
                    case Frames.INVOKE -> invokeFromChild();
                    case Frames.DONE -> {
                        boolean ok = fromChild.readBoolean();
                        byte[] output = Frames.readBytes(fromChild);
                        String error = Frames.readString(fromChild);
                        Duration duration = Duration.ofNanos(System.nanoTime() - runStartNanos);
                        CompletableFuture<Outcome> done = current;
                        if (done != null) {
                            done.complete(ok ? Outcome.ok(output, duration)
                                    : Outcome.failed(InvocationStatus.ERROR, error, duration));
                        }
                    }
                    default -> throw new IOException("unknown frame type " + type);
                }
            }
        } catch (IOException e) {
            if (process.isAlive()) {
                violated("Protocol violation from the process of function '" + functionName + "': " + e.getMessage());
            }
        }
    }

    private void invokeFromChild() throws IOException {
        String name = Frames.readString(fromChild);
        FunctionLimits limits = FunctionLimits.of(fromChild.readInt(), fromChild.readInt());
        byte[] payload = Frames.readBytes(fromChild);
        Task task = currentTask;
        byte outcome;
        String text;
        try {
            if (task == null) {
                throw new IllegalStateException("no invocation is running in this process");
            }
            text = task.spawner().spawn(name, payload, limits);
            outcome = Frames.ACK_STARTED;
        } catch (InvalidInvocationException e) {
            outcome = Frames.ACK_INVALID;
            text = e.getMessage();
        } catch (RuntimeException e) {
            outcome = Frames.ACK_REFUSED;
            text = Outcome.describe(e);
        }
        synchronized (toChild) {
            toChild.writeByte(Frames.ACK);
            toChild.writeByte(outcome);
            Frames.writeString(toChild, text);
            toChild.flush();
        }
    }

    private void violated(String message) {
        CompletableFuture<Outcome> done = current;
        end(Stop.KILL);
        ready.completeExceptionally(new IOException(message));
        if (done != null) {
            done.complete(outcome(InvocationStatus.ERROR, message, OptionalInt.empty()));
        }
    }

    private void exited() {
        reusable = false;
        int exitCode = process.exitValue();
        ready.completeExceptionally(new IOException("exit code " + exitCode));
        CompletableFuture<Outcome> done = current;
        if (done == null) {
            return;
        }
        OptionalInt code = OptionalInt.of(exitCode);
        Task task = currentTask;
        Outcome outcome = switch (stop) {
            case KILL -> outcome(InvocationStatus.KILLED, "killed by the caller (SIGKILL); exit code " + exitCode, code);
            case CANCEL -> outcome(InvocationStatus.CANCELLED, "cancelled by the caller (SIGTERM); exit code " + exitCode, code);
            case TIMEOUT -> outcome(InvocationStatus.TIMEOUT,
                    (task == null ? "exceeded its time limit" : timeoutMessage(task)) + "; process killed, exit code " + exitCode, code);
            case NONE -> exitCode > 128
                    ? outcome(InvocationStatus.KILLED, "The process of function '" + functionName + "' was killed by signal "
                            + (exitCode - 128) + signalName(exitCode - 128) + "; exit code " + exitCode + stderrTail(), code)
                    : outcome(InvocationStatus.CRASHED, "The process of function '" + functionName + "' exited with code "
                            + exitCode + " before returning a result" + stderrTail(), code);
        };
        done.complete(outcome);
    }

    private Outcome outcome(InvocationStatus status, String message, OptionalInt exitCode) {
        return new Outcome(status, new byte[0], message, Duration.ofNanos(System.nanoTime() - runStartNanos), exitCode);
    }

    private static String timeoutMessage(Task task) {
        return "Function '" + task.functionName() + "' exceeded its time limit of " + task.limits().timeoutSeconds() + " s";
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> " (SIGKILL)";
            case 15 -> " (SIGTERM)";
            case 6 -> " (SIGABRT)";
            case 11 -> " (SIGSEGV)";
            case 2 -> " (SIGINT)";
            default -> "";
        };
    }

    /** The end of the process's standard error, to explain a failure. */
    private String stderrTail() {
        try (RandomAccessFile file = new RandomAccessFile(stderrLog.toFile(), "r")) {
            long length = file.length();
            if (length == 0) {
                return "";
            }
            int size = (int) Math.min(length, 2000);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            return "; end of its standard error (" + stderrLog + "):\n" + new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
