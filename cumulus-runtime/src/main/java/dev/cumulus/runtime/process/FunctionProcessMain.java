package dev.cumulus.runtime.process;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.FunctionLoadException;
import dev.cumulus.runtime.FunctionRegistry;
import dev.cumulus.runtime.InvalidInvocationException;
import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import dev.cumulus.runtime.local.Outcome;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The entry point of a function process: it reads invocation requests from standard input, runs them one
 * at a time and writes results to standard output, in {@link Frames}. The process stays alive between
 * requests (a warm container) until its standard input closes.
 *
 * <p>Standard output belongs to the protocol, so {@link System#out} is pointed at standard error before any
 * function runs. {@code cumulus worker} calls {@link #serve} with the same effect.
 */
public final class FunctionProcessMain {

    private FunctionProcessMain() {
    }

    /** Serves requests on the process's standard input and output, then exits with {@link #serve}'s code. */
    public static void main(String[] args) {
        OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        int code;
        try {
            code = serve(System.in, protocolOut);
        } catch (IOException | RuntimeException e) {
            System.err.println("cumulus function process: " + e);
            code = 2;
        }
        // Exit explicitly: a function may have left non-daemon threads behind.
        System.exit(code);
    }

    /**
     * Serves requests from {@code in}, writing frames to {@code out}, until {@code in} ends.
     *
     * @return 0 after a clean end of input, 2 after a protocol violation
     */
    public static int serve(InputStream in, OutputStream out) throws IOException {
        DataInputStream input = new DataInputStream(new BufferedInputStream(in));
        DataOutputStream output = new DataOutputStream(new BufferedOutputStream(out));
        output.writeByte(Frames.READY);
        output.writeLong(ProcessHandle.current().pid());
        output.flush();
        Map<String, WorkerFunction> instances = new HashMap<>();
        while (true) {
            int type = Frames.readType(input);
            if (type < 0) {
                return 0;
            }
            if (type != Frames.REQUEST) {
                System.err.println("cumulus function process: expected a request frame, got type " + type);
                return 2;
            }
            String invocationId = Frames.readString(input);
            String functionName = Frames.readString(input);
            String className = Frames.readString(input);
            FunctionLimits limits = FunctionLimits.of(input.readInt(), input.readInt());
            Instant deadline = Instant.ofEpochMilli(input.readLong());
            byte[] payload = Frames.readBytes(input);
            boolean ok = false;
            byte[] result = new byte[0];
            String error = "";
            try {
                WorkerFunction function = instances.get(className);
                if (function == null) {
                    function = FunctionRegistry.instantiateClass(functionName, className);
                    instances.put(className, function);
                }
                Context context = new Context(invocationId, functionName, limits, deadline, input, output);
                byte[] produced = function.handle(payload, context);
                result = produced == null ? new byte[0] : produced;
                ok = true;
            } catch (FunctionLoadException e) {
                error = e.getMessage();
            } catch (Throwable e) {
                error = Outcome.describe(e);
            }
            output.writeByte(Frames.DONE);
            output.writeBoolean(ok);
            Frames.writeBytes(output, result);
            Frames.writeString(output, error);
            output.flush();
        }
    }

    /** The context inside a function process: starting a function is a round trip to the parent. */
    private static final class Context implements InvocationContext {
        private final String invocationId;
        private final String functionName;
        private final FunctionLimits limits;
        private final Instant deadline;
        private final DataInputStream input;
        private final DataOutputStream output;

        Context(String invocationId, String functionName, FunctionLimits limits, Instant deadline,
                DataInputStream input, DataOutputStream output) {
            this.invocationId = invocationId;
            this.functionName = functionName;
            this.limits = limits;
            this.deadline = deadline;
            this.input = input;
            this.output = output;
        }

        @Override
        public String invocationId() {
            return invocationId;
        }

        @Override
        public String functionName() {
            return functionName;
        }

        @Override
        public FunctionLimits limits() {
            return limits;
        }

        @Override
        public Instant deadline() {
            return deadline;
        }

        @Override
        public String invokeAsync(String name, byte[] payload, FunctionLimits requested) {
            if (payload == null || requested == null || name == null) {
                throw new InvalidInvocationException("function name, payload and limits are required; got name="
                        + name + ", payload=" + (payload == null ? "null" : payload.length + " bytes") + ", limits=" + requested);
            }
            // The function's thread is the only reader of standard input while it runs.
            synchronized (output) {
                try {
                    output.writeByte(Frames.INVOKE);
                    Frames.writeString(output, name);
                    output.writeInt(requested.memoryMb());
                    output.writeInt(requested.timeoutSeconds());
                    Frames.writeBytes(output, payload);
                    output.flush();
                    int type = Frames.readType(input);
                    if (type != Frames.ACK) {
                        throw new IllegalStateException("Expected an acknowledgement from the platform, got frame type " + type);
                    }
                    byte outcome = input.readByte();
                    String text = Frames.readString(input);
                    if (outcome == Frames.ACK_STARTED) {
                        return text;
                    }
                    if (outcome == Frames.ACK_INVALID) {
                        throw new InvalidInvocationException(text);
                    }
                    throw new IllegalStateException(text);
                } catch (IOException e) {
                    throw new UncheckedIOException("Lost contact with the platform while invoking '" + name + "'", e);
                }
            }
        }
    }
}
