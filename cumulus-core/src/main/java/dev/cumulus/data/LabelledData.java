package dev.cumulus.data;

import java.util.Objects;

/**
 * A dataset read from a labelled file together with the label map used to read it, so that a
 * second file (the test set) can be read with the same mapping.
 */
public record LabelledData(Dataset dataset, LabelMap labelMap) {
    public LabelledData {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(labelMap, "labelMap");
    }
}
