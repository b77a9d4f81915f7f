package dev.cumulus.cli.simulate;

import dev.cumulus.sim.gc.GcReport;
import dev.cumulus.sim.gc.GcScenario;
import dev.cumulus.sim.gc.GcScenario.AssignmentKind;
import dev.cumulus.sim.gc.GcScenario.OrderKind;
import dev.cumulus.sim.gc.GcSimulator;
import dev.cumulus.sim.straggler.ChunkTimeDistribution;
import dev.cumulus.sim.straggler.StragglerModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cumulus simulate gc}: compares wait-for-all, ignore-stragglers, classic gradient coding
 * and the partial-straggler code on the same sampled delays, in exact mode (completion time) and
 * approximate mode (normalised MSE at deadlines). Prints a table and writes {@code gc.json},
 * {@code completion.png} and {@code mse.png} into the output directory.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = "Simulate gradient coding with partial stragglers against its baselines.")
public final class GcCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", required = true, description = "Number of workers N.")
    int workers;

    @Option(names = "--load", paramLabel = "GAMMA", required = true, description = "Chunks per worker (gamma).")
    int load;

    @Option(names = "--parts", paramLabel = "L", defaultValue = "1", description = "Communication parts l (default ${DEFAULT-VALUE}).")
    int parts;

    @Option(names = "--chunks", paramLabel = "M", description = "Number of chunks m (default: the number of workers).")
    Integer chunks;

    @Option(names = "--assignment", paramLabel = "KIND", defaultValue = "cyclic", description = "cyclic | random-regular (default ${DEFAULT-VALUE}).")
    String assignment;

    @Option(names = "--order", paramLabel = "ORDER", defaultValue = "natural", description = "natural | optimal | random (default ${DEFAULT-VALUE}).")
    String order;

    @Option(names = "--chunk-time", paramLabel = "DIST", defaultValue = "exp:1",
            description = "exp:MEAN | shifted-exp:SHIFT,MEAN | pareto:SCALE,SHAPE (default ${DEFAULT-VALUE}).")
    String chunkTime;

    @Option(names = "--worker-slowdown", paramLabel = "DIST",
            description = "Persistent per-worker time factor, drawn once per worker and trial from this distribution.")
    String workerSlowdown;

    @Option(names = "--slow-fraction", paramLabel = "F", defaultValue = "0", description = "Fraction of workers slowed down.")
    double slowFraction;

    @Option(names = "--slowdown", paramLabel = "K", defaultValue = "1", description = "Time factor of the slowed workers (>= 1).")
    double slowdown;

    @Option(names = "--fail-fraction", paramLabel = "F", defaultValue = "0", description = "Fraction of workers that fail.")
    double failFraction;

    @Option(names = "--deadlines", paramLabel = "T", split = ",",
            description = "Approximate-mode deadlines in chunk-time units (default: 1..load+2 typical chunk times).")
    double[] deadlines;

    @Option(names = "--trials", paramLabel = "TRIALS", defaultValue = "2000", description = "Trials (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws IOException {
        GcScenario scenario = scenario();
        GcSimulator simulator;
        try {
            simulator = new GcSimulator(scenario);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        GcReport report = simulator.run();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(GcTable.render(report, commandLine()));
        stdout.flush();
        GcOutput.write(report, commandLine(), out);
        stdout.println("wrote " + out.resolve("gc.json") + ", " + out.resolve("completion.png") + ", "
                + out.resolve("mse.png"));
        stdout.flush();
        return 0;
    }

    /** The validated scenario; every problem becomes one usage line. */
    GcScenario scenario() {
        int m = chunks == null ? workers : chunks;
        if (workers < 1) {
            throw usage("--workers must be at least 1, got " + workers);
        }
        if (load < 1) {
            throw usage("--load must be at least 1, got " + load);
        }
        if (parts < 1) {
            throw usage("--parts must be at least 1, got " + parts);
        }
        if (parts > load) {
            throw usage("--parts " + parts + " is larger than --load " + load
                    + ": each chunk must be on at least l workers for exact recovery");
        }
        if (load > m) {
            throw usage("--load " + load + " is larger than the chunk count " + m);
        }
        AssignmentKind assignmentKind = switch (assignment) {
            case "cyclic" -> AssignmentKind.CYCLIC;
            case "random-regular" -> AssignmentKind.RANDOM_REGULAR;
            default -> throw usage("invalid value '" + assignment + "' for --assignment: expected cyclic or random-regular");
        };
        OrderKind orderKind = switch (order) {
            case "natural" -> OrderKind.NATURAL;
            case "optimal" -> OrderKind.OPTIMAL;
            case "random" -> OrderKind.RANDOM;
            default -> throw usage("invalid value '" + order + "' for --order: expected natural, optimal or random");
        };
        ChunkTimeDistribution time = distribution("--chunk-time", chunkTime);
        Optional<ChunkTimeDistribution> perWorker = workerSlowdown == null
                ? Optional.empty() : Optional.of(distribution("--worker-slowdown", workerSlowdown));
        StragglerModel model;
        try {
            model = new StragglerModel(time, perWorker, slowFraction, slowdown, failFraction);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        double[] resolvedDeadlines = deadlines != null ? deadlines : defaultDeadlines(time, load);
        try {
            return new GcScenario(workers, m, load, parts, assignmentKind, orderKind, model, resolvedDeadlines,
                    trials, seed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private static double[] defaultDeadlines(ChunkTimeDistribution time, int load) {
        double[] d = new double[load + 2];
        for (int k = 0; k < d.length; k++) {
            d[k] = (k + 1) * time.typical();
        }
        return d;
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

    private String commandLine() {
        // originalArgs holds the whole line: "simulate gc ..." under the root command, "gc ..." alone.
        java.util.List<String> args = spec.commandLine().getParseResult().originalArgs();
        String line = String.join(" ", args);
        return "cumulus " + (!args.isEmpty() && args.get(0).equals("simulate") ? "" : "simulate ") + line;
    }
}
