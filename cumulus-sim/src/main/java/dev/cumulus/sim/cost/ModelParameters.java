package dev.cumulus.sim.cost;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every number the cost model needs apart from the job and the prices: compute speed, the driver's fixed
 * work, data decoding, the function platform, the VMs and each store. {@link #defaults()} are documented in
 * docs/COST-MODEL.md; a {@link Calibration} replaces those it measured.
 *
 * @param computeSecondsPerRow seconds one worker on one full core spends per training row and pass (forward,
 *     gradient and the share of the update)
 * @param driverSeconds the driver's fixed work before and after the functions: loading and splitting the
 *     data, collecting and evaluating the model (staging the chunks is modelled apart)
 * @param loadBytesPerSecond how fast a worker decodes its chunk (the store's bandwidth applies too)
 * @param functions the function platform
 * @param vms the virtual machines
 * @param channels one entry per store
 * @param parameterServer the parameter server of LambdaML's hybrid design, as its clients see it: a pull or a
 *     push is one request of its latency, its bytes at the per-worker bandwidth; the aggregate figures are the
 *     server instance's network and request rate
 */
public record ModelParameters(double computeSecondsPerRow, double driverSeconds, double loadBytesPerSecond,
        FunctionParameters functions, VmParameters vms, Map<Store, ChannelParameters> channels,
        ChannelParameters parameterServer) {

    public ModelParameters {
        Check.positive("computeSecondsPerRow", computeSecondsPerRow);
        Check.nonNegative("driverSeconds", driverSeconds);
        Check.positive("loadBytesPerSecond", loadBytesPerSecond);
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(vms, "vms");
        EnumMap<Store, ChannelParameters> copy = new EnumMap<>(Store.class);
        copy.putAll(channels);
        for (Store s : Store.values()) {
            if (!copy.containsKey(s)) {
                throw new InvalidParameterException("channels." + s.label(), "Missing channel parameters for "
                        + s.label());
            }
        }
        channels = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(parameterServer, "parameterServer");
    }

    /**
     * A parameter server on an EC2 instance in the functions' zone, over gRPC: about a millisecond per call
     * (a same-zone round trip plus the call's work), the function's network (75 MB/s) per worker, an m5.large's
     * "up to 10 Gbit/s" in all, one call in flight per worker, and on the order of 20,000 calls a second on
     * two vCPUs. Orders of magnitude: calibrate.
     */
    public static ChannelParameters defaultParameterServer() {
        return new ChannelParameters(1e-3, 75e6, 1.25e9, 1, 20_000);
    }

    /**
     * Defaults without a calibration: 0.25 µs a row (a HIGGS-like logistic-regression gradient measured at
     * about 12 GB/s per core here, 112 bytes a row, plus the update), no driver time, decoding at 1 GB/s, AWS
     * Lambda, EC2 and the stores' documented defaults.
     */
    public static ModelParameters defaults() {
        return new ModelParameters(0.25e-6, 0, 1e9, FunctionParameters.awsLambda(), VmParameters.ec2(),
                ChannelParameters.defaults(), defaultParameterServer());
    }

    /** The parameters of {@code store}. */
    public ChannelParameters channel(Store store) {
        return channels.get(store);
    }

    public ModelParameters withChannel(Store store, ChannelParameters parameters) {
        Map<Store, ChannelParameters> copy = new EnumMap<>(channels);
        copy.put(store, parameters);
        return new ModelParameters(computeSecondsPerRow, driverSeconds, loadBytesPerSecond, functions, vms, copy,
                parameterServer);
    }

    public ModelParameters withFunctions(FunctionParameters parameters) {
        return new ModelParameters(computeSecondsPerRow, driverSeconds, loadBytesPerSecond, parameters, vms,
                channels, parameterServer);
    }

    public ModelParameters withCompute(double secondsPerRow, double driver, double loadBytes) {
        return new ModelParameters(secondsPerRow, driver, loadBytes, functions, vms, channels, parameterServer);
    }

    public ModelParameters withParameterServer(ChannelParameters parameters) {
        return new ModelParameters(computeSecondsPerRow, driverSeconds, loadBytesPerSecond, functions, vms, channels,
                parameters);
    }
}
