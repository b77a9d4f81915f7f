package dev.cumulus.cli.cost;

import dev.cumulus.cli.output.FileModes;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.io.AtomicFiles;
import dev.cumulus.sim.cost.Calibration;
import dev.cumulus.sim.cost.CostModel;
import dev.cumulus.sim.cost.JobShape;
import dev.cumulus.sim.cost.ModelParameters;
import dev.cumulus.sim.cost.ParameterOverrides;
import dev.cumulus.sim.cost.Prediction;
import dev.cumulus.sim.cost.Prices;
import dev.cumulus.sim.cost.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cumulus cost JOB.yaml}: predicts the job's wall time and dollars on functions (one row per store and
 * worker count) and on VMs, marks the cheapest, the fastest and the Pareto front, and writes {@code cost.csv}
 * and {@code cost.png}. With {@code --calibrated RUN_DIR} the model's parameters come from that run (given more
 * than once, from the median of repeats of one run).
 */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Predict a job's time and cost on functions and on VMs (docs/COST-MODEL.md).")
public final class CostCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yaml", description = "The job file (see docs/JOB.md).")
    Path jobFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a job key, such as epochs=10.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--calibrated", paramLabel = "RUN_DIR",
            description = "Fit the model to this run (its calibration.json, written there if missing). Repeat it for repeats of one run: each fitted constant is then the median of theirs.")
    List<Path> calibrated;

    @Option(names = "--local", description = "Predict functions on the machine of the calibrated run (its cores "
            + "and start-up) instead of AWS Lambda.")
    boolean local;

    @Option(names = "--workers", paramLabel = "N,...", split = ",", defaultValue = "1,2,4,8,16,32,64,128",
            description = "Worker counts (default ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(names = "--stores", paramLabel = "STORE,...", split = ",", defaultValue = "s3,dynamodb,redis,memcached",
            description = "Channels of the functions: memory, file, redis, memcached, s3, dynamodb "
                    + "(default ${DEFAULT-VALUE}).")
    List<String> stores;

    @Option(names = "--no-vms", description = "Leave VMs out.")
    boolean noVms;

    @Option(names = "--instance", paramLabel = "TYPE", defaultValue = "c5.large",
            description = "EC2 instance type of the VMs (default ${DEFAULT-VALUE}).")
    String instance;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "A properties file whose keys replace the bundled prices (Lambda, EC2 and the stores').")
    Path pricesFile;

    @Option(names = "--parameters", paramLabel = "FILE",
            description = "A properties file of model parameters replacing the defaults, such as "
                    + "channels.s3.latencySeconds=0.02 (docs/COST-MODEL.md lists the keys).")
    Path parametersFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Where cost.csv and cost.png go "
            + "(default: runs/cost-<time>).")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<Store> chosen = stores();
        if (workers.isEmpty() || workers.stream().anyMatch(n -> n < 1 || n > 100_000)) {
            throw usage("--workers: every count must be between 1 and 100000, got " + workers);
        }
        if (local && calibrated == null) {
            throw usage("--local needs --calibrated RUN_DIR: the machine to predict is the calibrated run's");
        }
        Prices prices = pricesFile == null ? Prices.defaults(instance) : Prices.load(pricesFile, instance);
        BoundJob job = Protocols.read(jobFile, overrides);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        job.warnings().forEach(w -> err.println("cumulus: warning: " + w));
        ModelParameters parameters = parametersFile == null ? ModelParameters.defaults()
                : ParameterOverrides.load(ModelParameters.defaults(), parametersFile);
        String source = parametersFile == null ? "documented defaults (docs/COST-MODEL.md)"
                : "defaults with " + parametersFile;
        if (calibrated != null) {
            Calibration calibration = CalibratedRun.load(calibrated, err);
            parameters = calibration.applyTo(parameters, local);
            source = (parametersFile == null ? "" : "defaults with " + parametersFile + ", ") + "calibrated on " + String.join(", ", calibrated.stream().map(Path::toString).toList()) + " (" + calibration.workers() + " workers, "
                    + calibration.store().label() + ", " + calibration.platformType() + ")";
        }
        JobShape shape = JobShape.of(job);
        CostModel model = new CostModel(parameters, prices);
        List<Prediction> predictions = model.sweep(shape, workers, chosen, !noVms);

        stdout.printf(Locale.ROOT, "%s: %d training rows, %d-float vector, %d epochs, %s, %s, %s; parameters: %s%n",
                jobFile, shape.trainRows(), shape.messageFloats(), shape.epochs(),
                shape.algorithm().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                shape.pattern().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                shape.sync().name().toLowerCase(Locale.ROOT), source);
        if (shape.parameterServer()) {
            stdout.printf(Locale.ROOT, "parameter server: %s at $%s/h, added to every function configuration%n",
                    shape.serverInstanceType(), plain(prices.server(shape.serverInstanceType()).usdPerHour()));
        }
        stdout.printf(Locale.ROOT, "functions: %s %d MB at $%s/GB-s; VMs: %s at $%s/h%n",
                local ? "this machine," : "AWS Lambda", shape.memoryMb(), plain(prices.lambda().usdPerGbSecond()),
                prices.ec2().instanceType(), plain(prices.ec2().usdPerHour()));
        stdout.print(CostTable.render(predictions, shape));
        Path dir = out != null ? out : Path.of("runs", "cost-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        AtomicFiles.writeString(dir.resolve("cost.csv"), CostTable.csv(predictions, shape));
        CostChart.write(predictions, CostTable.feasible(predictions, shape), "Predicted time and cost: " + jobFile.getFileName(), dir.resolve("cost.png"));
        FileModes.readableByAll(dir.resolve("cost.csv"));
        FileModes.readableByAll(dir.resolve("cost.png"));
        stdout.println("wrote " + dir.resolve("cost.csv") + ", " + dir.resolve("cost.png"));
        stdout.flush();
        return 0;
    }

    private static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private List<Store> stores() {
        List<Store> chosen = new ArrayList<>();
        for (String s : stores) {
            try {
                chosen.add(Store.of(s));
            } catch (IllegalArgumentException e) {
                throw usage("--stores: " + e.getMessage());
            }
        }
        return chosen;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
