package dev.cumulus.runtime.platform;

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

/** Opens the function platform a {@link PlatformSpec} names, sized for the functions a run invokes. */
public final class Platforms {
    /** Set by the {@code cumulus} command so its function processes start as {@code cumulus worker}. */
    public static final String WORKER_MAIN_PROPERTY = "cumulus.worker.mainClass";

    private Platforms() {
    }

    /**
     * @param registry the functions a local platform can run (a Lambda platform runs deployed ones)
     * @param functions how many functions the run keeps running at once
     */
    public static FunctionPlatform open(PlatformSpec spec, FunctionRegistry registry, int functions) {
        int concurrency = concurrency(spec, functions);
        switch (spec.type()) {
            case PlatformSpec.PROCESSES:
                return new ProcessPlatform(registry, localOptions(spec, concurrency), processOptions());
            case PlatformSpec.LAMBDA:
                LambdaSettings.Builder settings = LambdaSettings.builder()
                        .region(spec.region())
                        .functionNameTemplate(spec.functionName())
                        .concurrencyLimit(concurrency);
                if (spec.endpoint() != null) {
                    settings.endpoint(URI.create(spec.endpoint()));
                }
                return new LambdaPlatform(settings.build());
            default:
                return new ThreadPlatform(registry, localOptions(spec, concurrency));
        }
    }

    /**
     * Under BSP every function must run at once, and a worker hands over to its successor before
     * it returns: twice the functions keeps a queued successor from waiting on a blocked peer.
     */
    public static int concurrency(PlatformSpec spec, int functions) {
        return spec.concurrency() != null ? spec.concurrency() : Math.max(16, 2 * functions);
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

    private static LocalOptions localOptions(PlatformSpec spec, int concurrency) {
        return LocalOptions.builder()
                .concurrencyLimit(concurrency)
                .coldStartDelay(Duration.ofMillis(spec.coldStartMillis()))
                .build();
    }
}
