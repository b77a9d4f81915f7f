package dev.cumulus.cli.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.data.source.DataSpec;
import dev.cumulus.data.source.TrainTest;
import dev.cumulus.engine.protocol.Protocols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The data {@code evaluate} and {@code predict} read: a job file's dataset (its test split by
 * default), a data file read whole, or, for a run directory with no {@code --data}, the run's own
 * job, so that evaluating a run reproduces its test metrics.
 */
final class EvaluationData {
    @Option(names = "--data", paramLabel = "JOB.yaml|FILE",
            description = "A job file (its dataset section) or a data file (CSV, LIBSVM or IDX images) read whole. "
                    + "Default for a run directory: the run's own job.")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Format of a data file: csv, libsvm or idx (default: from its extension).")
    String format;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "With a job: which part of its data, test or train (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key of the job, such as dataset.rows=500.")
    List<String> overrides = List.of();

    /** The dataset to evaluate on, and a short name for it. */
    Dataset load(Path modelOrRunDir) throws IOException {
        if (!split.equals("test") && !split.equals("train")) {
            throw new IllegalArgumentException("--split " + split + ": expected test or train");
        }
        if (data == null) {
            Path runJson = modelOrRunDir.resolve("run.json");
            if (!Files.isDirectory(modelOrRunDir) || !Files.exists(runJson)) {
                throw new IllegalArgumentException("--data is needed: " + modelOrRunDir + " is a model file, not a run directory");
            }
            JsonNode job = new ObjectMapper().readTree(runJson.toFile()).required("job");
            // JSON is YAML, so the run's resolved job reads back as a job file.
            return pick(DataSources.load(Protocols.read(job.toString(), runJson.toString(), overrides).spec().data()));
        }
        String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
            return pick(DataSources.load(Protocols.read(data, overrides).spec().data()));
        }
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("--data " + data + ": no such file");
        }
        // Read as a test file of itself: the whole file, with its own label map.
        String source = format != null ? format : formatOf(name);
        return DataSources.load(DataSpec.builder(source).path(data).testPath(data).build()).test();
    }

    private Dataset pick(TrainTest data) {
        return split.equals("train") ? data.train() : data.test();
    }

    private String formatOf(String name) {
        if (name.endsWith(".csv")) {
            return DataSpec.CSV;
        }
        if (name.endsWith(".svm") || name.endsWith(".libsvm") || name.endsWith(".txt")) {
            return DataSpec.LIBSVM;
        }
        if (name.contains("idx3-ubyte")) {
            return DataSpec.IDX;
        }
        throw new IllegalArgumentException("--data " + data + ": cannot tell its format from the name; give --format "
                + "csv, libsvm or idx");
    }
}
