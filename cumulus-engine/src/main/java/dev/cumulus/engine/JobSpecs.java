package dev.cumulus.engine;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.Partitioner;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.data.source.DataSpec;
import dev.cumulus.data.source.TrainTest;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.cumulus.engine.job.Job;
import dev.cumulus.model.Model;
import dev.cumulus.model.ModelSpec;
import dev.cumulus.model.Models;
import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.OptimizerSpec;
import dev.cumulus.optim.Optimizers;
import java.util.List;

/** Turns a validated job into the core's specifications: data, model, optimiser, partitions. */
public final class JobSpecs {
    private JobSpecs() {
    }

    public static Model model(Job job, int features, int classes) {
        String type = job.string("model.type");
        ModelSpec spec = new ModelSpec(type, type.equals("mlp") ? job.intList("model.hidden") : null,
                type.equals("kmeans") ? job.integer("model.k") : null, job.decimal("model.l2"));
        return Models.create(spec, features, classes);
    }

    public static Optimizer optimizer(Job job, int parameterCount) {
        double lr = job.decimal("algorithm.learningRate");
        OptimizerSpec spec = switch (job.string("algorithm.optimizer")) {
            case "momentum" -> OptimizerSpec.momentum(lr, job.decimal("algorithm.momentum"));
            case "adam" -> OptimizerSpec.adam(lr);
            default -> OptimizerSpec.sgd(lr);
        };
        return Optimizers.create(spec, parameterCount);
    }

    /** Loads the job's training and test data. */
    public static TrainTest load(Job job) {
        return DataSources.load(dataSpec(job));
    }

    /** The job's {@code dataset} section as the data layer's spec; the dataset seed defaults to the job's. */
    public static DataSpec dataSpec(Job job) {
        Map<String, Object> section = new LinkedHashMap<>();
        job.flat().forEach((key, value) -> {
            if (key.startsWith("dataset.") && value != null) {
                section.put(key.substring("dataset.".length()), value);
            }
        });
        section.putIfAbsent("seed", job.longValue("seed"));
        return DataSpec.fromMap(section);
    }

    /**
     * Cuts the training data into one chunk per worker after a seeded shuffle, so that sorted files
     * do not give each worker one class.
     */
    public static List<Dataset> partition(Job job, Dataset train, int workers) {
        return Partitioner.shuffled(workers, job.longValue("seed")).split(train);
    }
}
