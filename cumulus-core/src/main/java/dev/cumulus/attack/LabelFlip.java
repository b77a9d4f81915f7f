package dev.cumulus.attack;

import dev.cumulus.data.Dataset;

/**
 * Label flipping, a data attack: a Byzantine peer trains on its own data with every label y replaced
 * by C - 1 - y (C classes), so its gradients are honest-looking but point the wrong way
 * (Karimireddy et al.'s workers flip their own data; ByzFL averages honest peers' flipped-label gradients).
 */
public final class LabelFlip {
    private LabelFlip() {
    }

    /** A copy of {@code labels} with each y replaced by classes - 1 - y; a label outside [0, classes) is an error naming it. */
    public static int[] flip(int[] labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("label flip: classes must be at least 1, got " + classes);
        }
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label flip: label " + y + " at row " + i + " is outside [0, " + classes + ")");
            }
            out[i] = classes - 1 - y;
        }
        return out;
    }

    /** The same examples (sharing the feature matrix) with flipped labels. */
    public static Dataset flip(Dataset data) {
        return new Dataset(data.features(), flip(data.labels(), data.numClasses()), data.numClasses());
    }
}
