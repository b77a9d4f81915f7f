package dev.cumulus.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * How the integer labels written in a file map to the class indices 0..K-1 of a {@link Dataset}.
 *
 * <p>Inference ({@link #infer}) picks the first rule that fits the distinct labels seen:
 * <ol>
 *   <li><b>signed</b>: labels within {-1, +1} including -1 map -1 to 0 and +1 to 1 (K = 2);</li>
 *   <li><b>zero-based</b>: non-negative labels including 0 are kept as they are (K = max + 1);</li>
 *   <li><b>one-based</b>: labels all at least 1 map v to v - 1 (K = max), so 1..K becomes 0..K-1;</li>
 *   <li><b>ranked</b>: anything else maps the i-th smallest distinct label to i.</li>
 * </ol>
 * The first three rules depend only on the range of the labels, not on which ones happen to be
 * present, so a test file that lacks a class still maps like its training file; readers accept an
 * explicit map (the training file's) for the test file to make that certain.
 */
public final class LabelMap {
    /** Label ranges up to this wide are told apart by an array over the range rather than a sort. */
    private static final int DENSE_RANGE = 1 << 16;

    /** The mapping rule. */
    public enum Kind { SIGNED, ZERO_BASED, ONE_BASED, RANKED }

    private final Kind kind;
    private final int numClasses;
    private final int[] ranked;

    private LabelMap(Kind kind, int numClasses, int[] ranked) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("a label map needs at least one class, got " + numClasses);
        }
        this.kind = kind;
        this.numClasses = numClasses;
        this.ranked = ranked;
    }

    /** -1 to 0 and +1 to 1. */
    public static LabelMap signed() {
        return new LabelMap(Kind.SIGNED, 2, null);
    }

    /** 0..k-1 kept as they are. */
    public static LabelMap zeroBased(int k) {
        return new LabelMap(Kind.ZERO_BASED, k, null);
    }

    /** 1..k mapped to 0..k-1. */
    public static LabelMap oneBased(int k) {
        return new LabelMap(Kind.ONE_BASED, k, null);
    }

    /** The i-th of the given distinct labels maps to i; they are sorted here. */
    public static LabelMap ranked(int[] distinctLabels) {
        int[] sorted = distinctLabels.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("label " + sorted[i] + " listed twice");
            }
        }
        return new LabelMap(Kind.RANKED, sorted.length, sorted);
    }

    /**
     * Infers the map from the labels of a file (see the class comment).
     *
     * @param labels raw labels as written, one per row (at least one)
     * @param classes the expected number of classes, or null to take it from the labels; when
     *     given, the map has exactly this many classes
     * @throws IllegalArgumentException with the reason when the labels do not fit {@code classes}
     */
    public static LabelMap infer(int[] labels, Integer classes) {
        int[] distinct = sortedDistinct(labels);
        if (distinct.length == 0) {
            throw new IllegalArgumentException("no labels to infer classes from");
        }
        int min = distinct[0];
        int max = distinct[distinct.length - 1];
        LabelMap map;
        if (min == -1 && max <= 1 && Arrays.stream(distinct).allMatch(v -> v == -1 || v == 1)) {
            map = signed();
        } else if (min == 0) {
            map = zeroBased(Math.max(max + 1, classes == null ? 0 : classes));
        } else if (min >= 1) {
            map = oneBased(Math.max(max, classes == null ? 0 : classes));
        } else {
            map = ranked(distinct);
        }
        if (classes != null && map.numClasses != classes) {
            throw new IllegalArgumentException("labels " + summary(distinct) + " (" + map.describe()
                    + ") do not fit the expected " + classes + " classes");
        }
        return map;
    }

    /** The distinct values, ascending. */
    static int[] sortedDistinct(int[] labels) {
        if (labels.length == 0) {
            return new int[0];
        }
        int min = labels[0];
        int max = labels[0];
        for (int label : labels) {
            min = Math.min(min, label);
            max = Math.max(max, label);
        }
        // Labels span a few values: marked in an array over their range, one pass (a boxed set of a
        // million labels took 40-60 ms on the driver's critical path); any other spread is sorted.
        if ((long) max - min >= DENSE_RANGE) {
            return Arrays.stream(labels).distinct().sorted().toArray();
        }
        boolean[] seen = new boolean[max - min + 1];
        int count = 0;
        for (int label : labels) {
            if (!seen[label - min]) {
                seen[label - min] = true;
                count++;
            }
        }
        int[] distinct = new int[count];
        int at = 0;
        for (int v = 0; v < seen.length; v++) {
            if (seen[v]) {
                distinct[at++] = min + v;
            }
        }
        return distinct;
    }

    /**
     * Parses a label as written in a text file: an integer ({@code 3}, {@code +1}, {@code -1}) or
     * a number with an integral value ({@code 2.0}).
     *
     * @throws IllegalArgumentException saying why the token is not an integer label
     */
    public static int parseRawLabel(String token) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException notInt) {
            double v;
            try {
                v = Double.parseDouble(token);
            } catch (NumberFormatException notNumber) {
                throw new IllegalArgumentException("label '" + token + "' is not a number");
            }
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("label '" + token + "' is not an integer class label");
            }
            return (int) v;
        }
    }

    /** The class index of a raw label, or -1 if this map has no class for it. */
    public int classOf(int rawLabel) {
        switch (kind) {
            case SIGNED:
                return rawLabel == -1 ? 0 : rawLabel == 1 ? 1 : -1;
            case ZERO_BASED:
                return rawLabel >= 0 && rawLabel < numClasses ? rawLabel : -1;
            case ONE_BASED:
                return rawLabel >= 1 && rawLabel <= numClasses ? rawLabel - 1 : -1;
            default:
                int p = Arrays.binarySearch(ranked, rawLabel);
                return p >= 0 ? p : -1;
        }
    }

    /** The raw label that maps to a class index. */
    public int rawOf(int classIndex) {
        Objects.checkIndex(classIndex, numClasses);
        switch (kind) {
            case SIGNED:
                return classIndex == 0 ? -1 : 1;
            case ZERO_BASED:
                return classIndex;
            case ONE_BASED:
                return classIndex + 1;
            default:
                return ranked[classIndex];
        }
    }

    /** The distinct labels of a ranked map, in class order; empty for the other kinds. */
    public int[] rankedLabels() {
        return ranked == null ? new int[0] : ranked.clone();
    }

    /** The map of {@code kind} with {@code classes} classes; {@code rankedLabels} for a ranked map. */
    public static LabelMap of(Kind kind, int classes, int[] rankedLabels) {
        return switch (kind) {
            case SIGNED -> signed();
            case ZERO_BASED -> zeroBased(classes);
            case ONE_BASED -> oneBased(classes);
            case RANKED -> ranked(rankedLabels);
        };
    }

    public int numClasses() {
        return numClasses;
    }

    public Kind kind() {
        return kind;
    }

    /** Maps every raw label; each must have a class (checked by the readers line by line). */
    public int[] apply(int[] rawLabels) {
        int[] out = new int[rawLabels.length];
        for (int i = 0; i < out.length; i++) {
            int c = classOf(rawLabels[i]);
            if (c < 0) {
                throw new IllegalArgumentException("label " + rawLabels[i] + " is outside " + describe());
            }
            out[i] = c;
        }
        return out;
    }

    /** A human-readable statement of the mapping, e.g. {@code "labels 1..10 -> classes 0..9"}. */
    public String describe() {
        switch (kind) {
            case SIGNED:
                return "labels -1/+1 -> classes 0/1";
            case ZERO_BASED:
                return "labels 0.." + (numClasses - 1) + " -> classes 0.." + (numClasses - 1);
            case ONE_BASED:
                return "labels 1.." + numClasses + " -> classes 0.." + (numClasses - 1);
            default:
                return "labels " + summary(ranked) + " -> classes 0.." + (numClasses - 1) + " in sorted order";
        }
    }

    private static String summary(int[] distinct) {
        if (distinct.length <= 12) {
            return Arrays.toString(distinct);
        }
        return "[" + distinct[0] + ", " + distinct[1] + ", ..., " + distinct[distinct.length - 1] + "] ("
                + distinct.length + " distinct)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMap m && m.kind == kind && m.numClasses == numClasses && Arrays.equals(m.ranked, ranked);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, numClasses, Arrays.hashCode(ranked));
    }

    @Override
    public String toString() {
        return "LabelMap[" + describe() + "]";
    }
}
