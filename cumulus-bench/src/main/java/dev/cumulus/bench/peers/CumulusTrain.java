package dev.cumulus.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cumulus's side: {@code ./cumulus train JOB --set ...}, the launcher at the repository root, as a
 * user runs it, one whole process per measurement; the results come from the run directory's run.json.
 */
final class CumulusTrain {
    private static final long TIMEOUT_SECONDS = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path launcher;
    private final Path workDirectory;
    private final Map<String, String> environment;

    private CumulusTrain(Path launcher, Path workDirectory, Map<String, String> environment) {
        this.launcher = launcher;
        this.workDirectory = workDirectory;
        this.environment = environment;
    }

    /**
     * The launcher in the repository, checked: it and the command-line jar exist, so a measurement never
     * includes the launcher's first-use build.
     *
     * @param javaOptions the JVM's options in place of the launcher's (blank: the launcher's own)
     */
    static CumulusTrain check(Path repository, Path workDirectory, String javaOptions) {
        Path launcher = repository.resolve("cumulus").toAbsolutePath();
        Path jar = repository.resolve("cumulus-cli/target/cumulus.jar");
        if (!Files.isExecutable(launcher) || !Files.isRegularFile(jar)) {
            throw new PeerMissingException("Cumulus", "no launcher " + launcher + " with its jar " + jar,
                    "mvn -B -pl cumulus-cli -am package -DskipTests in " + repository.toAbsolutePath()
                            + " (or pass --repo DIR)");
        }
        return new CumulusTrain(launcher, workDirectory,
                javaOptions.isBlank() ? Map.of() : Map.of("CUMULUS_JAVA_OPTS", javaOptions));
    }

    /** Trains the job text (YAML) with the overrides, in a fresh run directory. */
    Measurement train(String tool, String job, List<String> overrides) throws IOException {
        Files.createDirectories(workDirectory);
        Path jobFile = workDirectory.resolve("peer-job.yaml");
        Path tmp = Files.createTempFile(workDirectory, "peer-job", ".tmp");
        Files.writeString(tmp, job);
        Files.move(tmp, jobFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path run = workDirectory.resolve("cumulus-run");
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "train", jobFile.toString(),
                "--out", run.toString(), "--force"));
        overrides.forEach(o -> command.addAll(List.of("--set", o)));
        ChildProcess.Result result = ChildProcess.run(command, workDirectory, environment, TIMEOUT_SECONDS);
        JsonNode runJson = JSON.readTree(run.resolve("run.json").toFile());
        JsonNode metrics = runJson.get("metrics");
        JsonNode breakdown = runJson.get("breakdown");
        // The driver prints this line once it has read, fingerprinted and staged the data.
        double driverReady = result.errLine("cumulus: invoking ").atSeconds();
        System.out.println(phases(result));
        return new Measurement(tool, result.wallSeconds(), driverReady,
                breakdown.get("computeSeconds").asDouble() + breakdown.get("communicationSeconds").asDouble(),
                metrics.get("trainLoss").asDouble(), metrics.get("testAccuracy").asDouble());
    }

    /**
     * Where the whole process's time went, from when the driver's stage lines arrived: JVM start and
     * reading, fingerprint and staging, the functions, and what follows them (evaluation, run directory).
     */
    static String phases(ChildProcess.Result result) {
        double read = result.errLine("cumulus: data: ").atSeconds();
        double staged = result.errLine("cumulus: invoking ").atSeconds();
        double finished = result.errLine("cumulus: functions finished").atSeconds();
        return String.format(Locale.ROOT, "  cumulus phases: start + read %.2f s, fingerprint + stage %.2f s,"
                        + " functions %.2f s, evaluate + write the run %.2f s (whole %.2f s)", read, staged - read,
                finished - staged, result.wallSeconds() - finished, result.wallSeconds());
    }
}
