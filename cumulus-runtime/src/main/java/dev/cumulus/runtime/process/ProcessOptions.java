package dev.cumulus.runtime.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ProcessPlatform} starts a function process.
 *
 * @param command the command line; every {@value #MEMORY_PLACEHOLDER} in it is replaced by the invocation's
 *     memory size in MB (the default command uses it for {@code -Xmx})
 * @param initTimeout how long a new process may take to report that it is ready
 */
public record ProcessOptions(List<String> command, Duration initTimeout) {

    /** Placeholder for the memory size in MB inside {@link #command()}. */
    public static final String MEMORY_PLACEHOLDER = "{memoryMb}";

    public ProcessOptions {
        command = List.copyOf(Objects.requireNonNull(command, "command"));
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new IllegalArgumentException("Invalid function process command " + command
                    + ": expected a program followed by its arguments");
        }
        Objects.requireNonNull(initTimeout, "initTimeout");
        if (initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid initTimeout " + initTimeout + ": expected a positive duration");
        }
    }

    /**
     * {@code java -Xmx{memoryMb}m -XX:+UseSerialGC --add-modules jdk.incubator.vector -cp <this JVM's class path>
     * FunctionProcessMain}, using this JVM's own {@code java} executable, with a 60 s init timeout
     * (generous: a cold JVM on a loaded two-core machine can take seconds).
     */
    public static ProcessOptions defaults() {
        return new ProcessOptions(javaCommand(System.getProperty("java.class.path")), Duration.ofSeconds(60));
    }

    /** The default Java command line with {@code classPath}. */
    public static List<String> javaCommand(String classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + MEMORY_PLACEHOLDER + "m");
        // One function, one thread of work: the serial collector starts fastest and uses least memory.
        command.add("-XX:+UseSerialGC");
        // The Vector API kernels of dev.cumulus.model run only when this module is present; the
        // JVM's "Using incubator modules" warning goes to stderr, not into the stdout protocol.
        command.add("--add-modules");
        command.add("jdk.incubator.vector");
        command.add("-cp");
        command.add(classPath);
        command.add(FunctionProcessMain.class.getName());
        return command;
    }

    /** Same options with a different command. */
    public ProcessOptions withCommand(List<String> newCommand) {
        return new ProcessOptions(newCommand, initTimeout);
    }

    /** The command for {@code memoryMb}, placeholders replaced. */
    public List<String> commandFor(int memoryMb) {
        List<String> resolved = new ArrayList<>(command.size());
        for (String part : command) {
            resolved.add(part.replace(MEMORY_PLACEHOLDER, Integer.toString(memoryMb)));
        }
        return resolved;
    }
}
