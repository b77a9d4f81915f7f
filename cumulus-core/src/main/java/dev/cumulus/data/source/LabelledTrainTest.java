package dev.cumulus.data.source;

import dev.cumulus.data.LabelMap;
import java.util.Objects;

/** A training and test set with the map from the labels written in the files to class indices. */
public record LabelledTrainTest(TrainTest data, LabelMap labels) {
    public LabelledTrainTest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(labels, "labels");
    }
}
