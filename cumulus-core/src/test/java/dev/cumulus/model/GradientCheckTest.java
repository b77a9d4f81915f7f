package dev.cumulus.model;

import dev.cumulus.data.Dataset;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every model's analytic gradient, computed in float by the block kernels, matches central finite
 * differences of an independent double-precision objective, on random shapes, dense and sparse.
 */
class GradientCheckTest {
    private static final double STEP = 1e-6;
    /** Finite differences straddling a kink measure neither side's slope; such samples are skipped. */
    private static final double KINK_MARGIN = 1e-4;

    @Property(tries = 40)
    void logisticGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 12) int features,
                                                  @ForAll @IntRange(min = 1, max = 300) int rowCount,
                                                  @ForAll @DoubleRange(min = 0, max = 1) double l2,
                                                  @ForAll boolean sparse, @ForAll long seed) {
        Dataset data = RandomData.dataset(seed, 40, features, 2, sparse);
        int[] rows = RandomData.rows(seed, rowCount, data.rows());
        Model model = new LogisticRegression(features, l2);
        check(model, data, rows, ReferenceObjectives.logistic(data, rows, l2), seed);
    }

    @Property(tries = 40)
    void svmSubgradientMatchesFiniteDifferencesAwayFromTheKink(@ForAll @IntRange(min = 1, max = 12) int features,
                                                               @ForAll @IntRange(min = 1, max = 300) int rowCount,
                                                               @ForAll @DoubleRange(min = 0, max = 1) double l2,
                                                               @ForAll boolean sparse, @ForAll long seed) {
        Dataset data = RandomData.dataset(seed, 40, features, 2, sparse);
        int[] rows = RandomData.rows(seed, rowCount, data.rows());
        Model model = new LinearSvm(features, l2);
        float[] p = RandomData.gaussian(seed, model.parameterCount(), 0.5);
        Assume.that(ReferenceObjectives.svmKinkDistance(data, rows, p) > KINK_MARGIN);
        checkAt(model, data, rows, ReferenceObjectives.svm(data, rows, l2), p);
    }

    @Property(tries = 40)
    void softmaxGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 10) int features,
                                                 @ForAll @IntRange(min = 2, max = 6) int classes,
                                                 @ForAll @IntRange(min = 1, max = 150) int rowCount,
                                                 @ForAll @DoubleRange(min = 0, max = 1) double l2,
                                                 @ForAll boolean sparse, @ForAll long seed) {
        Dataset data = RandomData.dataset(seed, 40, features, classes, sparse);
        int[] rows = RandomData.rows(seed, rowCount, data.rows());
        Model model = new SoftmaxRegression(features, classes, l2);
        check(model, data, rows, ReferenceObjectives.softmax(data, rows, classes, l2), seed);
    }

    @Property(tries = 40)
    void mlpGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 8) int features,
                                             @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 1, max = 7) Integer> hidden,
                                             @ForAll @IntRange(min = 2, max = 5) int classes,
                                             @ForAll @IntRange(min = 1, max = 150) int rowCount,
                                             @ForAll @DoubleRange(min = 0, max = 1) double l2,
                                             @ForAll boolean sparse, @ForAll long seed) {
        Dataset data = RandomData.dataset(seed, 40, features, classes, sparse);
        int[] rows = RandomData.rows(seed, rowCount, data.rows());
        Mlp model = new Mlp(features, hidden, classes, l2);
        // He initialisation plus random biases, so units sit on both sides of the ReLU's kink.
        float[] p = model.initialParameters(seed);
        float[] noise = RandomData.gaussian(seed, p.length, 0.3);
        for (int i = 0; i < p.length; i++) {
            p[i] += noise[i];
        }
        Assume.that(ReferenceObjectives.mlpKinkDistance(data, rows, hidden, classes, p) > KINK_MARGIN);
        checkAt(model, data, rows, ReferenceObjectives.mlp(data, rows, hidden, classes, l2), p);
    }

    private static void check(Model model, Dataset data, int[] rows, ReferenceObjectives.Objective reference, long seed) {
        checkAt(model, data, rows, reference, RandomData.gaussian(seed, model.parameterCount(), 0.5));
    }

    private static void checkAt(Model model, Dataset data, int[] rows, ReferenceObjectives.Objective reference, float[] p) {
        float[] gradient = new float[model.parameterCount()];
        double objective = model.lossAndGradient(p, data, rows, gradient);
        double expected = ReferenceObjectives.value(reference, p);
        assertThat(objective).isCloseTo(expected, within(1e-5 + 1e-5 * Math.abs(expected)));
        double[] numeric = ReferenceObjectives.numericGradient(reference, p, STEP);
        for (int i = 0; i < numeric.length; i++) {
            assertThat((double) gradient[i]).as("gradient[%d]", i)
                    .isCloseTo(numeric[i], within(2e-4 + 2e-3 * Math.abs(numeric[i])));
        }
    }
}
