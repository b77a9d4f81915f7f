package dev.cumulus.sim.cost;

/**
 * What a function platform adds to a job: its cold start, how fast it starts many functions, and how much of
 * a core a function of a given memory gets.
 *
 * @param coldStartSeconds from invocation until the function runs its code
 * @param burstFunctions functions that start at once before the platform's scaling rate applies
 * @param functionsPerSecond functions started per second beyond the burst (infinity: all at once)
 * @param fullCoreMemoryMb memory at which a function gets one whole core (AWS Lambda: 1,769 MB); below it the
 *     compute slows in proportion; 0: memory does not limit the CPU (local platforms)
 * @param hostCores cores the functions share when they run on one host (threads, processes); 0: each has its
 *     own (a cloud platform)
 */
public record FunctionParameters(double coldStartSeconds, double burstFunctions, double functionsPerSecond,
        double fullCoreMemoryMb, int hostCores) {

    public FunctionParameters {
        Check.nonNegative("functions.coldStartSeconds", coldStartSeconds);
        if (!(burstFunctions >= 0)) {
            throw Check.invalid("functions.burstFunctions", burstFunctions, "a number at least 0 (or infinity)");
        }
        Check.positiveOrUnbounded("functions.functionsPerSecond", functionsPerSecond);
        Check.nonNegative("functions.fullCoreMemoryMb", fullCoreMemoryMb);
        Check.atLeast("functions.hostCores", hostCores, 0);
    }

    /**
     * AWS Lambda: a JVM cold start of about 1 s; 1,000 functions at once, then 1,000 more every 10 s (AWS's
     * scaling rate per function since 2023); one vCPU at 1,769 MB (AWS Lambda documentation).
     */
    public static FunctionParameters awsLambda() {
        return new FunctionParameters(1.0, 1000, 100, 1769, 0);
    }

    /** A local platform as calibrated: every function at once, sharing {@code hostCores}. */
    public static FunctionParameters local(double coldStartSeconds, int hostCores) {
        return new FunctionParameters(coldStartSeconds, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0,
                hostCores);
    }

    /** Seconds until the last of {@code workers} functions runs. */
    public double startupSeconds(int workers) {
        double queued = Math.max(0, workers - burstFunctions);
        return coldStartSeconds + (queued == 0 ? 0 : queued / functionsPerSecond);
    }

    /** How much slower one function computes than one full core (at least 1). */
    public double computeSlowdown(int workers, int memoryMb) {
        double memory = fullCoreMemoryMb > 0 ? Math.max(1.0, fullCoreMemoryMb / memoryMb) : 1.0;
        double sharing = hostCores > 0 ? Math.max(1.0, (double) workers / hostCores) : 1.0;
        return memory * sharing;
    }
}
