package dev.cumulus.runtime.platform;

import static dev.cumulus.config.Validator.any;
import static dev.cumulus.config.Validator.between;
import static dev.cumulus.config.Validator.oneOf;

import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import dev.cumulus.runtime.FunctionLimits;
import java.util.List;
import java.util.Map;

/**
 * The {@code platform} section of a job, bound: where worker functions run and with what limits.
 *
 * @param type threads, processes or lambda
 * @param concurrency invocations running at once; null for the default ({@link Platforms#concurrency})
 * @param endpoint Lambda endpoint override; null for AWS
 */
public record PlatformSpec(String type, int memoryMb, int timeoutSeconds, int coldStartMillis, Integer concurrency,
        int maxRestarts, String region, String endpoint, String functionName) {

    public static final String THREADS = "threads";
    public static final String PROCESSES = "processes";
    public static final String LAMBDA = "lambda";

    /** The section's keys, in the order the reference lists them. */
    public static final List<ConfigKey> KEYS = List.of(
            new ConfigKey("platform.type", ValueType.STRING, THREADS, oneOf(THREADS, PROCESSES, LAMBDA),
                    "Where worker functions run: threads in this JVM, one JVM process per invocation "
                            + "(killable like a real function), or AWS Lambda (see docs/LAMBDA.md)."),
            new ConfigKey("platform.memoryMb", ValueType.INT, 1024, between(128, 10_240),
                    "Memory of each function, as on AWS Lambda; it sets the billed GB-seconds."),
            new ConfigKey("platform.timeoutSeconds", ValueType.INT, 900, between(1, 900),
                    "Time limit of one invocation (AWS Lambda allows at most 900). A worker checkpoints "
                            + "and invokes its successor before it."),
            new ConfigKey("platform.coldStartMillis", ValueType.INT, 250, between(0, 600_000),
                    "Local platforms: extra start-up of a new container, standing in for a FaaS cold start."),
            new ConfigKey("platform.concurrency", ValueType.INT, null, between(1, 100_000),
                    "Invocations running at once; more wait in a queue. Unset: the larger of 16 and twice "
                            + "the functions a run invokes (every worker must run at once, plus room for successors)."),
            new ConfigKey("platform.maxRestarts", ValueType.INT, 3, between(0, 1000),
                    "How often one worker may die and be re-invoked from its checkpoint before the run fails "
                            + "(a function whose role may end unfinished, such as a p2p peer, is given up instead)."),
            new ConfigKey("platform.region", ValueType.STRING, "us-east-1", any(), "Lambda: AWS region."),
            new ConfigKey("platform.endpoint", ValueType.STRING, null, any(),
                    "Lambda: endpoint override, for a Lambda-compatible server (unset: AWS)."),
            new ConfigKey("platform.functionName", ValueType.STRING, "cumulus-{memoryMb}", any(),
                    "Lambda: deployed function name; `{memoryMb}` and `{function}` are replaced."));

    /** Binds the section from validated values keyed by their full names ({@code platform.type}). */
    public static PlatformSpec bind(Map<String, Object> values) {
        return new PlatformSpec((String) values.get("platform.type"), (Integer) values.get("platform.memoryMb"),
                (Integer) values.get("platform.timeoutSeconds"), (Integer) values.get("platform.coldStartMillis"),
                (Integer) values.get("platform.concurrency"), (Integer) values.get("platform.maxRestarts"),
                (String) values.get("platform.region"), (String) values.get("platform.endpoint"),
                (String) values.get("platform.functionName"));
    }

    /** Whether workers run outside this JVM, so an in-memory channel cannot reach them. */
    public boolean remote() {
        return !type.equals(THREADS);
    }

    public FunctionLimits limits() {
        return FunctionLimits.of(memoryMb, timeoutSeconds);
    }
}
