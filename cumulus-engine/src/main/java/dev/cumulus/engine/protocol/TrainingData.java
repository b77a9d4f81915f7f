package dev.cumulus.engine.protocol;

import dev.cumulus.data.LabelMap;
import dev.cumulus.data.Scaling;
import dev.cumulus.data.source.LabelledTrainTest;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.data.source.TrainTest;
import dev.cumulus.engine.job.JobSpec;

/**
 * A job's data as read ({@link #raw}, for evaluating the model as a user would) and as the
 * functions train on it ({@link #training}: scaled when the job standardises).
 *
 * @param scaling the scaling fitted on the training set, or null
 * @param labels how the labels in the files map to class indices
 */
public record TrainingData(TrainTest raw, TrainTest training, Scaling scaling, LabelMap labels) {

    /** Loads the job's data and, when it standardises, fits the scaling on the training set. */
    public static TrainingData load(JobSpec job) {
        LabelledTrainTest loaded = DataSources.loadLabelled(job.data());
        TrainTest raw = loaded.data();
        if (!job.standardize()) {
            return new TrainingData(raw, raw, null, loaded.labels());
        }
        Scaling scaling = Scaling.fit(raw.train());
        return new TrainingData(raw, new TrainTest(scaling.apply(raw.train()), scaling.apply(raw.test())), scaling,
                loaded.labels());
    }
}
