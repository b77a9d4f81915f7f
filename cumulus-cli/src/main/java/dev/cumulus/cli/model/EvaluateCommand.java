package dev.cumulus.cli.model;

import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.model.ModelFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cumulus evaluate}: the metrics of a trained model on any dataset a job file can name. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Print a trained model's metrics (loss and accuracy; k-means: inertia) on a dataset.")
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL_OR_RUN_DIR", description = "A model.bin, or a run directory written by 'cumulus train'.")
    Path model;

    @Mixin
    EvaluationData data;

    @Override
    public Integer call() throws Exception {
        ModelFile.Contents contents = ModelFile.read(model);
        Dataset dataset = data.load(model);
        Map<String, Double> metrics = contents.model().metrics(data.split, dataset);
        PrintWriter out = spec.commandLine().getOut();
        out.println("rows " + dataset.rows());
        // Full precision: the same digits as run.json, so a run's metrics can be checked exactly.
        metrics.forEach((name, value) -> out.println(name + " " + value));
        out.flush();
        return ExitCodes.OK;
    }
}
