package dev.cumulus.engine;

import dev.cumulus.engine.job.Job;
import dev.cumulus.runtime.FunctionPlatform;
import dev.cumulus.runtime.FunctionRegistry;
import dev.cumulus.runtime.lambda.LambdaPlatform;
import dev.cumulus.runtime.lambda.LambdaSettings;
import dev.cumulus.runtime.local.LocalOptions;
import dev.cumulus.runtime.local.ThreadPlatform;
import dev.cumulus.runtime.process.ProcessOptions;
import dev.cumulus.runtime.process.ProcessPlatform;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Opens the function platform a job names, sized for its workers. */
public final class Platforms {
    static final String WORKER_MAIN_PROPERTY = "cumulus.worker.mainClass";

    private Platforms() {
    }

    /** The registry of the functions Cumulus itself deploys. */
    public static FunctionRegistry registry() {
        return FunctionRegistry.builder().register(TrainingFunction.NAME, TrainingFunction.class).build();
    }

    public static FunctionPlatform open(Job job) {
        int concurrency = concurrency(job);
        switch (job.string("platform.type")) {
            case "processes":
                return new ProcessPlatform(registry(), localOptions(job, concurrency), processOptions());
            case "lambda":
                LambdaSettings.Builder settings = LambdaSettings.builder()
                        .region(job.string("platform.region"))
                        .functionNameTemplate(job.string("platform.functionName"))
                        .concurrencyLimit(concurrency);
                job.optionalString("platform.endpoint").ifPresent(e -> settings.endpoint(URI.create(e)));
                return new LambdaPlatform(settings.build());
            default:
                return new ThreadPlatform(registry(), localOptions(job, concurrency));
        }
    }

    /**
     * Under BSP every worker must run at once, and a worker hands over to its successor before it
     * returns: twice the workers keeps a queued successor from waiting on a blocked peer.
     */
    static int concurrency(Job job) {
        return job.optionalInteger("platform.concurrency").orElse(Math.max(16, 2 * job.integer("workers")));
    }

    /**
     * The {@code cumulus} command sets {@value #WORKER_MAIN_PROPERTY} so its function processes start as
     * {@code cumulus worker}; embedded uses keep the runtime's own entry point.
     */
    private static ProcessOptions processOptions() {
        ProcessOptions defaults = ProcessOptions.defaults();
        String mainClass = System.getProperty(WORKER_MAIN_PROPERTY);
        if (mainClass == null) {
            return defaults;
        }
        List<String> command = new ArrayList<>(defaults.command());
        command.set(command.size() - 1, mainClass);
        command.add("worker");
        return defaults.withCommand(command);
    }

    private static LocalOptions localOptions(Job job, int concurrency) {
        return LocalOptions.builder()
                .concurrencyLimit(concurrency)
                .coldStartDelay(Duration.ofMillis(job.integer("platform.coldStartMillis")))
                .build();
    }
}
