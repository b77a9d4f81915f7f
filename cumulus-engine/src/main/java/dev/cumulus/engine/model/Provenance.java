package dev.cumulus.engine.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a result came from, as Tribuo records it: enough to reproduce a run from its files alone.
 * The same record is in {@code run.json} and in the model file.
 *
 * @param cumulusVersion the version the build stamped into the jar ({@link Build})
 * @param commit the commit it was built from, or "unknown"
 * @param vectorKernels whether the vectorised kernels ran (the JVM had jdk.incubator.vector)
 * @param dataFingerprints digest of each dataset the run read, by role (train, test)
 * @param started when the run started, ISO-8601 in UTC
 * @param ended when the run ended, ISO-8601 in UTC
 * @param job the resolved job, as nested sections (secrets masked)
 */
public record Provenance(String runId, String cumulusVersion, String commit, String jvm, String os,
        boolean vectorKernels, String started, String ended, Map<String, String> dataFingerprints, long seed,
        String channel, String platform, Map<String, Object> job) {

    public Provenance {
        Objects.requireNonNull(runId, "runId");
        dataFingerprints = Map.copyOf(dataFingerprints);
        job = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(job));
    }

    /**
     * The JVM, OS and build facts of this process, with the run's own facts.
     *
     * @param vectorKernels whether the run's model ran on the Vector API kernels (model.kernels as resolved)
     */
    public static Provenance of(String runId, Instant started, Instant ended, Map<String, String> dataFingerprints,
            long seed, String channel, String platform, Map<String, Object> job, boolean vectorKernels) {
        return new Provenance(runId, Build.version(), Build.commit(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                vectorKernels, started.toString(), ended.toString(),
                dataFingerprints,
                seed, channel, platform, job);
    }
}
