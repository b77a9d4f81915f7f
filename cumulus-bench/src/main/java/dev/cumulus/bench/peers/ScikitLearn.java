package dev.cumulus.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * scikit-learn driven through a python process per measurement ({@code sklearn_peer.py}, a resource
 * of this package): the data generator, the reference optimum, and the timed fits.
 */
final class ScikitLearn {
    static final String INSTALL = "apt-get install python3-sklearn (Debian's package, for the system python "
            + "/usr/bin/python3), or pass --python PATH to a python that has scikit-learn";
    private static final long TIMEOUT_SECONDS = 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path python;
    private final Path script;
    private final Path workDirectory;
    private final String versions;

    private ScikitLearn(Path python, Path script, Path workDirectory, String versions) {
        this.python = python;
        this.script = script;
        this.workDirectory = workDirectory;
        this.versions = versions;
    }

    /**
     * The peer behind this python, checked: it starts, and imports numpy and scikit-learn.
     *
     * @throws PeerMissingException naming the python and how to install scikit-learn
     */
    static ScikitLearn check(Path python, Path relativeOrAbsolute) {
        // Absolute: python runs in it and is handed the script's path, which must not be resolved twice.
        Path workDirectory = relativeOrAbsolute.toAbsolutePath();
        Path script = extractScript(workDirectory);
        ChildProcess.Result result;
        try {
            result = ChildProcess.run(List.of(python.toString(), script.toString(), "check"), workDirectory,
                    Map.of(), 120);
        } catch (IOException e) {
            throw new PeerMissingException("scikit-learn", "cannot run " + python + " (" + e.getMessage() + ")",
                    INSTALL);
        } catch (IllegalStateException e) {
            throw new PeerMissingException("scikit-learn", python + " cannot import numpy and sklearn: "
                    + lastLine(e.getMessage()), INSTALL);
        }
        JsonNode versions = json(result.outLine("{").text());
        return new ScikitLearn(python, script, workDirectory, "scikit-learn " + versions.get("sklearn").asText()
                + ", numpy " + versions.get("numpy").asText() + ", python " + versions.get("python").asText());
    }

    String versions() {
        return versions;
    }

    /** Writes make_classification(rows + testRows, 28 features, ...) as a training and a test CSV. */
    void generate(int rows, int testRows, Path train, Path test) throws IOException {
        ChildProcess.run(List.of(python.toString(), script.toString(), "generate", Integer.toString(rows),
                Integer.toString(testRows), train.toString(), test.toString()), workDirectory, Map.of(),
                TIMEOUT_SECONDS);
    }

    /**
     * One whole process: read both files, fit, evaluate.
     *
     * @param mode    lbfgs, sgd, or optimum (L-BFGS to a tight tolerance)
     * @param options the script's key=value options (C, tol, max_iter, alpha)
     */
    Measurement fit(String tool, String mode, Path train, Path test, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(), "fit", mode,
                train.toString(), test.toString()));
        command.addAll(options);
        ChildProcess.Result result = ChildProcess.run(command, workDirectory, Map.of(), TIMEOUT_SECONDS);
        JsonNode r = json(result.outLine("{").text());
        return new Measurement(tool, result.wallSeconds(), r.get("readSeconds").asDouble(),
                r.get("fitSeconds").asDouble(), r.get("trainLoss").asDouble(), r.get("testAccuracy").asDouble());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not the JSON line sklearn_peer.py prints: " + line, e);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static Path extractScript(Path workDirectory) {
        try (InputStream in = ScikitLearn.class.getResourceAsStream("sklearn_peer.py")) {
            if (in == null) {
                throw new IllegalStateException("sklearn_peer.py is not on the class path beside " + ScikitLearn.class);
            }
            Files.createDirectories(workDirectory);
            Path tmp = Files.createTempFile(workDirectory, "sklearn_peer", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Path script = workDirectory.resolve("sklearn_peer.py");
            Files.move(tmp, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return script;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write sklearn_peer.py into " + workDirectory, e);
        }
    }
}
