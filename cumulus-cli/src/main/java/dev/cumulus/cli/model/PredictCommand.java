package dev.cumulus.cli.model;

import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.model.ModelFile;
import dev.cumulus.engine.model.TrainedModel;
import dev.cumulus.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cumulus predict}: a trained model's predictions for every row of a dataset, as CSV: the
 * row, the class index, the label as the training files wrote it, and the class probabilities (SVM: decision values; k-means: the cluster
 * and the squared distance to its centroid).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Write a trained model's predictions for a dataset to a CSV file.")
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL_OR_RUN_DIR", description = "A model.bin, or a run directory written by 'cumulus train'.")
    Path model;

    @Mixin
    EvaluationData data;

    @Option(names = "--out", paramLabel = "FILE.csv", required = true, description = "Where to write the predictions.")
    Path out;

    @Override
    public Integer call() throws Exception {
        TrainedModel trained = ModelFile.read(model).model();
        Dataset raw = data.load(model);
        trained.checkShape(raw);
        Dataset dataset = trained.scaled(raw);
        StringBuilder csv = new StringBuilder(header(trained));
        double[] scores = new double[trained.scoreCount()];
        for (int r = 0; r < dataset.rows(); r++) {
            int predicted = trained.predict(dataset, r, scores);
            csv.append(r).append(',').append(predicted);
            if (!trained.clusters()) {
                csv.append(',').append(trained.label(predicted));
            }
            for (double s : scores) {
                csv.append(',').append(String.format(Locale.ROOT, "%.6g", s));
            }
            csv.append('\n');
        }
        AtomicFiles.writeString(out, csv.toString());
        spec.commandLine().getOut().println("predicted " + dataset.rows() + " rows: " + out);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static String header(TrainedModel model) {
        if (model.clusters()) {
            return "row,cluster,squaredDistance\n";
        }
        StringBuilder h = new StringBuilder("row,class,label");
        String prefix = model.probabilistic() ? "p" : "score";
        for (int k = 0; k < model.classes(); k++) {
            h.append(',').append(prefix).append(k);
        }
        return h.append('\n').toString();
    }
}
