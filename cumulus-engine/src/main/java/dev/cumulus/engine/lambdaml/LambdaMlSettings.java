package dev.cumulus.engine.lambdaml;

import dev.cumulus.engine.job.ProtocolSettings;

/**
 * LambdaML's section of a job, bound.
 *
 * @param algorithm ga-sgd or kmeans
 * @param pattern allreduce or scatter-reduce
 * @param sync bsp or asp
 */
public record LambdaMlSettings(String algorithm, String pattern, String sync) implements ProtocolSettings {
    public static final String GA_SGD = "ga-sgd";
    public static final String KMEANS = "kmeans";
    public static final String ALLREDUCE = "allreduce";
    public static final String SCATTER_REDUCE = "scatter-reduce";
    public static final String BSP = "bsp";
    public static final String ASP = "asp";

    public boolean kmeans() {
        return algorithm.equals(KMEANS);
    }
}
