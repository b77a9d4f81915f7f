package dev.cumulus.model;

import dev.cumulus.data.Dataset;

/**
 * A model that evaluates a range of rows in place in one pass (the linear models, by blocks through
 * their margin kernels): its loss, accuracy and whole-set evaluation are that pass over every row,
 * so the three always agree.
 */
interface RangeEvaluatedModel extends Model {

    @Override
    Evaluation evaluate(float[] parameters, Dataset data, int from, int to);

    @Override
    default Evaluation evaluate(float[] parameters, Dataset data) {
        return evaluate(parameters, data, 0, data.rows());
    }

    @Override
    default double loss(float[] parameters, Dataset data) {
        return evaluate(parameters, data).loss();
    }

    @Override
    default double accuracy(float[] parameters, Dataset data) {
        return evaluate(parameters, data).accuracy();
    }
}
