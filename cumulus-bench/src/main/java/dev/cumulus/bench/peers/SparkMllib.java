package dev.cumulus.bench.peers;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Spark MLlib in local mode, in a child JVM per measurement: the standalone project
 * {@code cumulus-bench/spark-peer} (kept out of the default build) provides its main class
 * ({@code SparkFit}) and Spark's jars. One process fits twice on the cached data, so the first fit
 * in a fresh JVM and a warm one are both measured.
 */
final class SparkMllib {
    static final String INSTALL = "mvn -B -f cumulus-bench/spark-peer/pom.xml package (downloads Spark 3.5 "
            + "from Maven Central into cumulus-bench/spark-peer/target), or pass --spark DIR to such a target "
            + "directory";
    private static final long TIMEOUT_SECONDS = 3600;
    /** Spark 3.5 reflects into these JDK packages; Java 17 refuses unless they are opened. */
    private static final List<String> OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect",
            "java.io", "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
            "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    private final Path java;
    private final String classPath;
    private final Path workDirectory;
    private final String version;

    private SparkMllib(Path java, String classPath, Path workDirectory, String version) {
        this.java = java;
        this.classPath = classPath;
        this.workDirectory = workDirectory;
        this.version = version;
    }

    /**
     * The peer built into the directory (spark-peer.jar and lib/), checked without starting Spark.
     *
     * @throws PeerMissingException naming the directory and how to build it
     */
    static SparkMllib check(Path sparkTarget, Path workDirectory) {
        Path jar = sparkTarget.resolve("spark-peer.jar");
        Path lib = sparkTarget.resolve("lib");
        if (!Files.isRegularFile(jar)) {
            throw new PeerMissingException("Spark MLlib", "no " + jar, INSTALL);
        }
        String mllib;
        try (Stream<Path> jars = Files.list(lib)) {
            mllib = jars.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("spark-mllib_"))
                    .findFirst().orElseThrow(() -> new PeerMissingException("Spark MLlib",
                            "no spark-mllib_*.jar in " + lib, INSTALL));
        } catch (IOException e) {
            throw new PeerMissingException("Spark MLlib", "cannot list " + lib + " (" + e.getMessage() + ")", INSTALL);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = jar.toAbsolutePath() + File.pathSeparator + lib.toAbsolutePath().resolve("*");
        return new SparkMllib(java, classPath, workDirectory, mllib.replace(".jar", ""));
    }

    String version() {
        return version;
    }

    /**
     * One child JVM: read both files, fit twice.
     *
     * @return the first fit (its process time: from launching the JVM to the fitted model) and the warm one
     */
    List<Measurement> fit(Path train, Path test, int maxIterations, double tolerance, String heapSize)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + heapSize));
        OPENS.forEach(p -> command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
        command.addAll(List.of("-cp", classPath, "dev.cumulus.bench.peers.spark.SparkFit", train.toString(),
                test.toString(), "2", Integer.toString(maxIterations), Double.toString(tolerance)));
        ChildProcess.Result result = ChildProcess.run(command, workDirectory, Map.of(), TIMEOUT_SECONDS);
        List<Measurement> fits = new ArrayList<>();
        for (int fit = 1; fit <= 2; fit++) {
            ChildProcess.Line done = result.outLine("fit " + fit + " done ");
            Map<String, Double> times = values(done.text());
            Map<String, Double> outcome = values(result.outLine("fit " + fit + " result ").text());
            fits.add(new Measurement(fit == 1 ? "Spark MLlib first fit" : "Spark MLlib warm fit",
                    fit == 1 ? done.atSeconds() : Double.NaN, times.get("readSeconds"), times.get("fitSeconds"),
                    outcome.get("trainLoss"), outcome.get("testAccuracy")));
        }
        return fits;
    }

    /** The key=value pairs of a SparkFit line. */
    static Map<String, Double> values(String line) {
        Map<String, Double> values = new HashMap<>();
        for (String word : line.split(" ")) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                values.put(word.substring(0, eq), Double.parseDouble(word.substring(eq + 1)));
            }
        }
        return values;
    }
}
