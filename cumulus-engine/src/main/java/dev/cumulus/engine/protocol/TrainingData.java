package dev.cumulus.engine.protocol;

import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.Scaling;
import dev.cumulus.data.SparseFeatures;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.data.source.LabelledTrainTest;
import dev.cumulus.data.source.TrainTest;
import dev.cumulus.engine.job.JobSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A job's data as the functions train on it (scaled when the job standardises), and the
 * fingerprints of the data as read, which identify it in the run's provenance.
 *
 * @param training the training and test sets, scaled if the job standardises
 * @param scaling the scaling fitted on the training set, or null
 * @param labels how the labels in the files map to class indices
 * @param fingerprints {@link DataFingerprint}s of the sets as read, under "train" and "test"
 */
public record TrainingData(TrainTest training, Scaling scaling, LabelMap labels, Map<String, String> fingerprints) {

    public TrainingData {
        fingerprints = Collections.unmodifiableMap(new LinkedHashMap<>(fingerprints));
    }

    /**
     * Loads the job's data, fingerprints it as read and, when the job standardises, fits the scaling
     * on the training set and scales both sets in place: the values as read are needed only for
     * their fingerprints, and a scaled copy of 1M x 28 rows was 140 MB more to allocate and fill.
     */
    public static TrainingData load(JobSpec job) {
        LabelledTrainTest loaded = DataSources.loadLabelled(job.data());
        TrainTest data = loaded.data();
        Map<String, String> fingerprints = fingerprints(data);
        if (!job.standardize()) {
            return new TrainingData(data, null, loaded.labels(), fingerprints);
        }
        Scaling scaling = Scaling.fit(data.train());
        scaling.applyInPlace(data.train());
        if (sharesValues(data)) {
            // One array under both sets (no source reads them so today): scaled once, not twice.
            return new TrainingData(data, scaling, loaded.labels(), fingerprints);
        }
        scaling.applyInPlace(data.test());
        return new TrainingData(data, scaling, loaded.labels(), fingerprints);
    }

    /** Both sets' fingerprints, hashed at once on the cores, as the scaling and evaluation split their work. */
    private static Map<String, String> fingerprints(TrainTest data) {
        List<String> hashes = Stream.of(data.train(), data.test()).parallel().map(DataFingerprint::of).toList();
        Map<String, String> fingerprints = new LinkedHashMap<>();
        fingerprints.put("train", hashes.get(0));
        fingerprints.put("test", hashes.get(1));
        return fingerprints;
    }

    private static boolean sharesValues(TrainTest data) {
        float[] train = values(data.train().features());
        return train != null && train == values(data.test().features());
    }

    private static float[] values(dev.cumulus.data.Features features) {
        if (features instanceof SparseFeatures sparse) {
            return sparse.values();
        }
        return features instanceof DenseFeatures dense ? dense.values() : null;
    }
}
