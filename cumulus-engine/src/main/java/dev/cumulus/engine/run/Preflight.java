package dev.cumulus.engine.run;

import dev.cumulus.data.Dataset;
import dev.cumulus.engine.job.JobSpec;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.model.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the driver can tell from the job and the data alone, before any function runs (an error
 * there would otherwise be found inside every worker and retried until the restart limit), and
 * what it can tell from the curve after the run.
 */
final class Preflight {
    /** Above this many class indices, labels that fill few of them are ids, not classes. */
    private static final int SPARSE_LABEL_CLASSES = 100;

    private Preflight() {
    }

    /**
     * Checks the model against the data and returns warnings for settings that look wrong.
     *
     * @throws IllegalArgumentException when the model cannot fit the data, or the labels are ids
     */
    static List<String> check(JobSpec job, Dataset train) {
        int classes = train.numClasses();
        int present = present(train.labels(), classes);
        if (classes > SPARSE_LABEL_CLASSES && present * 10L < classes) {
            throw new IllegalArgumentException("dataset: the labels use " + present + " distinct values spread over "
                    + classes + " class indices; they look like ids rather than classes: map them to 0.." + (present - 1)
                    + " in the file");
        }
        boolean kmeans = job.model().type().equals("kmeans");
        if (!kmeans) {
            if (present < 2) {
                throw new IllegalArgumentException("dataset: the training data has a single class; a classifier needs "
                        + "at least two");
            }
            // The model's own check: a binary model on multi-class data, for instance.
            Models.create(job.model(), train.cols(), classes);
        }
        List<String> warnings = new ArrayList<>();
        if (kmeans || job.settings().fullBatch()) {
            return warnings;
        }
        long globalBatch = (long) job.workers() * job.training().batchSize();
        if (globalBatch * 10 > train.rows()) {
            warnings.add("the global batch (" + job.workers() + " workers x " + job.training().batchSize() + " = "
                    + globalBatch + " rows) is more than a tenth of the " + train.rows() + " training rows: an epoch is "
                    + "only a few steps");
        }
        if (train.rows() / job.workers() < job.training().batchSize()) {
            warnings.add(job.workers() + " workers share " + train.rows() + " rows: each chunk is smaller than a batch "
                    + "of " + job.training().batchSize() + "; fewer workers would do the same work with less exchange");
        }
        return warnings;
    }

    /**
     * A warning when training made the loss worse: not finite, above the loss of the initial
     * parameters by half, or up from the first epoch by a tenth, as a too-high learning rate does.
     *
     * @param initialLoss the loss of the parameters training started from (NaN when unknown)
     */
    static Optional<String> divergence(List<EpochRecord> curve, double initialLoss) {
        if (curve.isEmpty()) {
            return Optional.empty();
        }
        double first = curve.get(0).trainLoss();
        double last = curve.get(curve.size() - 1).trainLoss();
        boolean worse = !Double.isFinite(last) || last > 1.5 * initialLoss || (curve.size() > 1 && last > 1.1 * first);
        if (worse) {
            return Optional.of("the training loss diverged (at the start: " + initialLoss + ", epoch 1: " + first
                    + ", last epoch: " + last + "); lower algorithm.learningRate");
        }
        return Optional.empty();
    }

    private static int present(int[] labels, int classes) {
        boolean[] seen = new boolean[classes];
        int count = 0;
        for (int label : labels) {
            if (label >= 0 && label < classes && !seen[label]) {
                seen[label] = true;
                count++;
            }
        }
        return count;
    }
}
