package dev.cumulus.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outcome of one invocation: status, output or error, and the timing a FaaS bill is made of.
 *
 * @param invocationId the invocation's id
 * @param functionName the registered function name
 * @param status how it ended
 * @param output the function's output bytes (empty unless {@link InvocationStatus#OK})
 * @param errorMessage what went wrong, empty when the status is OK
 * @param memoryMb memory size the invocation ran with
 * @param coldStart whether a new container (thread sandbox, JVM, Lambda instance) was started for it
 * @param startup time spent starting that container; zero when warm
 * @param queued time spent waiting for a concurrency slot
 * @param duration time the function itself ran
 * @param billedDurationMillis the duration the provider charges for, rounded as it rounds
 * @param billable whether the provider charges for this invocation at all (it started)
 * @param exitCode exit code of the function's process when that process ended, else empty
 * @param invokedIds ids of the invocations this one started through its context, in order
 */
public record InvocationResult(
        String invocationId,
        String functionName,
        InvocationStatus status,
        byte[] output,
        String errorMessage,
        int memoryMb,
        boolean coldStart,
        Duration startup,
        Duration queued,
        Duration duration,
        long billedDurationMillis,
        boolean billable,
        OptionalInt exitCode,
        List<String> invokedIds) {

    public InvocationResult {
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(status, "status");
        output = output == null ? new byte[0] : output;
        errorMessage = errorMessage == null ? "" : errorMessage;
        startup = startup == null ? Duration.ZERO : startup;
        queued = queued == null ? Duration.ZERO : queued;
        duration = duration == null ? Duration.ZERO : duration;
        exitCode = exitCode == null ? OptionalInt.empty() : exitCode;
        invokedIds = invokedIds == null ? List.of() : List.copyOf(invokedIds);
    }

    /** A result for a request rejected before anything ran; never billed. */
    public static InvocationResult invalid(String invocationId, String functionName, int memoryMb, String message) {
        return builder(invocationId, functionName).status(InvocationStatus.INVALID_REQUEST)
                .errorMessage(message).memoryMb(memoryMb).build();
    }

    /** Starts a builder; every field not set keeps its empty/zero default. */
    public static Builder builder(String invocationId, String functionName) {
        return new Builder(invocationId, functionName);
    }

    /** The output decoded as UTF-8, for functions that return text. */
    public String outputText() {
        return new String(output, StandardCharsets.UTF_8);
    }

    /** Same result with a different list of started invocations. */
    public InvocationResult withInvokedIds(List<String> ids) {
        return new InvocationResult(invocationId, functionName, status, output, errorMessage, memoryMb, coldStart,
                startup, queued, duration, billedDurationMillis, billable, exitCode, ids);
    }

    /** Same result with a different queueing time. */
    public InvocationResult withQueued(Duration waited) {
        return new InvocationResult(invocationId, functionName, status, output, errorMessage, memoryMb, coldStart,
                startup, waited, duration, billedDurationMillis, billable, exitCode, invokedIds);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InvocationResult r && invocationId.equals(r.invocationId)
                && functionName.equals(r.functionName) && status == r.status
                && java.util.Arrays.equals(output, r.output) && errorMessage.equals(r.errorMessage)
                && memoryMb == r.memoryMb && coldStart == r.coldStart && startup.equals(r.startup)
                && queued.equals(r.queued) && duration.equals(r.duration)
                && billedDurationMillis == r.billedDurationMillis && billable == r.billable
                && exitCode.equals(r.exitCode) && invokedIds.equals(r.invokedIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(invocationId, status, java.util.Arrays.hashCode(output), duration);
    }

    @Override
    public String toString() {
        return "InvocationResult[" + invocationId + " " + functionName + " " + status
                + (errorMessage.isEmpty() ? "" : " error=" + errorMessage)
                + " memoryMb=" + memoryMb + (coldStart ? " cold startup=" + startup.toMillis() + "ms" : " warm")
                + " duration=" + duration.toMillis() + "ms billed=" + billedDurationMillis + "ms"
                + (exitCode.isPresent() ? " exitCode=" + exitCode.getAsInt() : "")
                + " output=" + output.length + "B]";
    }

    /** Mutable assembly of a result; platforms fill it in as the invocation progresses. */
    public static final class Builder {
        private final String invocationId;
        private final String functionName;
        private InvocationStatus status = InvocationStatus.ERROR;
        private byte[] output = new byte[0];
        private String errorMessage = "";
        private int memoryMb;
        private boolean coldStart;
        private Duration startup = Duration.ZERO;
        private Duration queued = Duration.ZERO;
        private Duration duration = Duration.ZERO;
        private long billedDurationMillis;
        private boolean billable;
        private OptionalInt exitCode = OptionalInt.empty();
        private List<String> invokedIds = List.of();

        private Builder(String invocationId, String functionName) {
            this.invocationId = invocationId;
            this.functionName = functionName;
        }

        public Builder status(InvocationStatus value) { status = value; return this; }
        public Builder output(byte[] value) { output = value; return this; }
        public Builder errorMessage(String value) { errorMessage = value; return this; }
        public Builder memoryMb(int value) { memoryMb = value; return this; }
        public Builder coldStart(boolean value) { coldStart = value; return this; }
        public Builder startup(Duration value) { startup = value; return this; }
        public Builder queued(Duration value) { queued = value; return this; }
        public Builder duration(Duration value) { duration = value; return this; }
        public Builder billedDurationMillis(long value) { billedDurationMillis = value; return this; }
        public Builder billable(boolean value) { billable = value; return this; }
        public Builder exitCode(int value) { exitCode = OptionalInt.of(value); return this; }
        public Builder invokedIds(List<String> value) { invokedIds = value; return this; }

        public InvocationResult build() {
            return new InvocationResult(invocationId, functionName, status, output, errorMessage, memoryMb, coldStart,
                    startup, queued, duration, billedDurationMillis, billable, exitCode, invokedIds);
        }
    }
}
