package dev.cumulus.engine.lambdaml;

import dev.cumulus.engine.job.ProtocolSettings;

/**
 * LambdaML's section of a job, bound.
 *
 * @param algorithm ga-sgd, ma-sgd, admm, lbfgs or kmeans
 * @param pattern allreduce or scatter-reduce
 * @param sync bsp, asp or ssp:K
 * @param localSteps MA-SGD and ADMM: local steps between two exchanges; 0 for one epoch of the chunk
 * @param rho ADMM: the penalty of the consensus constraint
 * @param psAddress pattern parameter-server: HOST:PORT of a running {@code cumulus ps}; null to start one for the run
 * @param psInstanceType the EC2 instance type the parameter server's hours are priced as
 * @param history L-BFGS: the (step, gradient change) pairs kept, m
 */
public record LambdaMlSettings(String algorithm, String pattern, String sync, int localSteps, double rho,
        String psAddress, String psInstanceType, int history) implements ProtocolSettings {
    public static final String GA_SGD = "ga-sgd";
    public static final String MA_SGD = "ma-sgd";
    public static final String ADMM = "admm";
    public static final String LBFGS = "lbfgs";
    public static final String KMEANS = "kmeans";
    public static final String ALLREDUCE = "allreduce";
    public static final String SCATTER_REDUCE = "scatter-reduce";
    public static final String PARAMETER_SERVER = "parameter-server";
    public static final String BSP = "bsp";
    public static final String ASP = "asp";
    public static final String SSP_PREFIX = "ssp:";

    /** Whether the workers run full-batch L-BFGS rather than steps of an optimiser. */
    public boolean lbfgs() {
        return algorithm.equals(LBFGS);
    }

    @Override
    public boolean fullBatch() {
        return lbfgs();
    }

    /** ADMM's local solves restart every round, so a rate decaying over the whole run does not suit them. */
    @Override
    public String defaultSchedule() {
        return algorithm.equals(ADMM) ? "constant" : ProtocolSettings.super.defaultSchedule();
    }

    public boolean kmeans() {
        return algorithm.equals(KMEANS);
    }

    /** Whether a parameter server holds the model (LambdaML's hybrid design) instead of the channel. */
    public boolean parameterServer() {
        return pattern.equals(PARAMETER_SERVER);
    }

    /** Whether workers share one model without a barrier (ASP, or SSP with its staleness bound). */
    public boolean asynchronous() {
        return sync.equals(ASP) || sync.startsWith(SSP_PREFIX);
    }

    /** SSP's bound K: no worker more than K rounds ahead of the slowest; unbounded for ASP, 0 for BSP. */
    public long staleness() {
        if (sync.startsWith(SSP_PREFIX)) {
            return Long.parseLong(sync.substring(SSP_PREFIX.length()));
        }
        return sync.equals(ASP) ? Long.MAX_VALUE : 0;
    }

    /** The local steps between two exchanges for a chunk whose epoch takes {@code stepsPerEpoch} steps. */
    public int localStepsPer(int stepsPerEpoch) {
        return localSteps == 0 ? stepsPerEpoch : Math.min(localSteps, stepsPerEpoch);
    }
}
