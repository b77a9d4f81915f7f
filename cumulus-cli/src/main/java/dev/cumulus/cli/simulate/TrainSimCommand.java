package dev.cumulus.cli.simulate;

import dev.cumulus.cli.cost.CalibratedRun;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.sim.cost.CostModel;
import dev.cumulus.sim.cost.Deployment;
import dev.cumulus.sim.cost.JobShape;
import dev.cumulus.sim.cost.ModelParameters;
import dev.cumulus.sim.cost.ParameterOverrides;
import dev.cumulus.sim.cost.Prices;
import dev.cumulus.sim.cost.Store;
import dev.cumulus.sim.straggler.ChunkTimeDistribution;
import dev.cumulus.sim.straggler.StragglerModel;
import dev.cumulus.sim.train.TrainReport;
import dev.cumulus.sim.train.TrainScenario;
import dev.cumulus.sim.train.TrainSimulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cumulus simulate train JOB.yaml --workers N}: the job's rounds in virtual time, for worker counts far
 * beyond this machine: each worker's computation per round drawn from a straggler model around the cost
 * model's mean, communication from the cost model, BSP rounds released by their last worker, ASP steps free.
 * Prints wall time, cost and a breakdown.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Simulate a training job's rounds in virtual time, up to 10,000 workers (docs/COST-MODEL.md).")
public final class TrainSimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yaml", description = "The job file (see docs/JOB.md).")
    Path jobFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a job key, such as sync=asp.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--workers", paramLabel = "N", description = "Workers (default: the job's).")
    Integer workers;

    @Option(names = "--vms", description = "Simulate VMs talking directly instead of functions.")
    boolean vms;

    @Option(names = "--store", paramLabel = "STORE",
            description = "The functions' channel: memory, file, redis, memcached, s3, dynamodb (default: the job's).")
    String store;

    @Option(names = "--calibrated", paramLabel = "RUN_DIR", description = "Fit the model to this run (its "
            + "calibration.json); repeat it for repeats of one run, whose median constants are taken.")
    List<Path> calibrated;

    @Option(names = "--local", description = "Functions on the calibrated run's machine instead of AWS Lambda.")
    boolean local;

    @Option(names = "--rounds", paramLabel = "R", description = "Rounds to simulate (default: the job's).")
    Long rounds;

    @Option(names = "--compute-time", paramLabel = "DIST", defaultValue = "shifted-exp:1,0.1",
            description = "Variation of a worker's computation per round, scaled to the model's mean: exp:MEAN | "
                    + "shifted-exp:SHIFT,MEAN | pareto:SCALE,SHAPE | none (default ${DEFAULT-VALUE}).")
    String computeTime;

    @Option(names = "--worker-slowdown", paramLabel = "DIST",
            description = "Persistent per-worker time factor, drawn once per worker.")
    String workerSlowdown;

    @Option(names = "--slow-fraction", paramLabel = "F", defaultValue = "0", description = "Fraction of workers slowed down.")
    double slowFraction;

    @Option(names = "--slowdown", paramLabel = "K", defaultValue = "1", description = "Time factor of the slowed workers (>= 1).")
    double slowdown;

    @Option(names = "--fail-fraction", paramLabel = "F", defaultValue = "0",
            description = "Fraction of workers that fail once and are re-invoked from the last checkpoint.")
    double failFraction;

    @Option(names = "--detect-seconds", paramLabel = "S", defaultValue = "10",
            description = "Seconds until a failed worker is noticed (missed heartbeats) (default ${DEFAULT-VALUE}).")
    double detectSeconds;

    @Option(names = "--instance", paramLabel = "TYPE", defaultValue = "c5.large", description = "EC2 instance type of --vms.")
    String instance;

    @Option(names = "--prices", paramLabel = "FILE", description = "A properties file whose keys replace the bundled prices.")
    Path pricesFile;

    @Option(names = "--parameters", paramLabel = "FILE",
            description = "A properties file of model parameters replacing the defaults, such as "
                    + "channels.s3.latencySeconds=0.02 (docs/COST-MODEL.md lists the keys).")
    Path parametersFile;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (local && calibrated == null) {
            throw usage("--local needs --calibrated RUN_DIR");
        }
        if (!(detectSeconds >= 0) || Double.isInfinite(detectSeconds)) {
            throw usage("--detect-seconds must be a finite number at least 0, got " + detectSeconds);
        }
        Optional<StragglerModel> stragglers = stragglers();
        Prices prices = pricesFile == null ? Prices.defaults(instance) : Prices.load(pricesFile, instance);
        BoundJob job = Protocols.read(jobFile, overrides);
        PrintWriter err = spec.commandLine().getErr();
        job.warnings().forEach(w -> err.println("cumulus: warning: " + w));
        int n = workers != null ? workers : job.spec().workers();
        if (n < 1 || n > 100_000) {
            throw usage("--workers must be between 1 and 100000, got " + n);
        }
        Store chosen;
        try {
            chosen = Store.of(store != null ? store : job.spec().channel());
        } catch (IllegalArgumentException e) {
            throw usage("--store: " + e.getMessage());
        }
        ModelParameters parameters = parametersFile == null ? ModelParameters.defaults()
                : ParameterOverrides.load(ModelParameters.defaults(), parametersFile);
        if (calibrated != null) {
            parameters = CalibratedRun.load(calibrated, err).applyTo(parameters, local);
        }
        JobShape shape = JobShape.of(job);
        Deployment deployment = vms ? Deployment.vms(n) : Deployment.functions(n, chosen);
        CostModel model = new CostModel(parameters, prices);
        long r = rounds != null ? rounds : shape.rounds(n);
        double restart = detectSeconds + parameters.functions().coldStartSeconds()
                + model.predict(shape, deployment).loadSeconds();
        TrainScenario scenario = new TrainScenario(shape, deployment, model, stragglers, r, restart, seed);
        TrainReport report = new TrainSimulator(scenario).run();
        print(report, scenario, spec.commandLine().getOut());
        return 0;
    }

    private static void print(TrainReport r, TrainScenario s, PrintWriter out) {
        Deployment d = s.deployment();
        out.printf(Locale.ROOT, "%s, %d workers, %s, %s, %s: %d rounds simulated in %.2f s%n", d.label(),
                d.workers(), s.job().algorithm().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                s.job().sync().name().toLowerCase(Locale.ROOT),
                s.job().pattern().name().toLowerCase(Locale.ROOT).replace('_', '-'), r.rounds(),
                r.elapsedMillis() / 1000.0);
        out.printf(Locale.ROOT, "  wallSeconds              %s%n", num(r.wallSeconds()));
        out.printf(Locale.ROOT, "    before the rounds      %s  (driver, start-up, load)%n", num(r.fixedSeconds()));
        out.printf(Locale.ROOT, "    rounds                 %s  (closed form: %s)%n",
                num(r.trainingSeconds()), num(r.closedFormTrainingSeconds()));
        out.printf(Locale.ROOT, "  per worker, mean:%n");
        out.printf(Locale.ROOT, "    computeSeconds         %s%n", num(r.meanComputeSeconds()));
        out.printf(Locale.ROOT, "    communicationSeconds   %s%n", num(r.meanCommunicationSeconds()));
        out.printf(Locale.ROOT, "    waitSeconds            %s  (at BSP barriers, for slower workers)%n",
                num(r.meanWaitSeconds()));
        out.printf(Locale.ROOT, "  slowestRoundSeconds      %s%n", num(r.slowestRoundSeconds()));
        out.printf(Locale.ROOT, "  restarts                 %d%n", r.restarts());
        out.printf(Locale.ROOT, "  platformUsd              %s%n", money(r.platformUsd()));
        out.printf(Locale.ROOT, "  storeUsd                 %s%n", money(r.storeUsd()));
        out.printf(Locale.ROOT, "  totalUsd                 %s%n", money(r.totalUsd()));
        out.flush();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(4))
                .stripTrailingZeros().toPlainString() : "n/a";
    }

    private static String money(double usd) {
        return usd >= 1 ? String.format(Locale.ROOT, "$%.2f", usd) : "$" + new java.math.BigDecimal(usd)
                .round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private Optional<StragglerModel> stragglers() {
        boolean none = computeTime.equals("none");
        if (none && workerSlowdown == null && slowFraction == 0 && failFraction == 0) {
            return Optional.empty();
        }
        ChunkTimeDistribution time = none ? new ChunkTimeDistribution.ShiftedExponential(1, 1e-12)
                : distribution("--compute-time", computeTime);
        Optional<ChunkTimeDistribution> perWorker = workerSlowdown == null
                ? Optional.empty() : Optional.of(distribution("--worker-slowdown", workerSlowdown));
        try {
            return Optional.of(new StragglerModel(time, perWorker, slowFraction, slowdown, failFraction));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ChunkTimeDistribution distribution(String option, String text) {
        try {
            return ChunkTimeDistribution.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage("invalid value for " + option + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
