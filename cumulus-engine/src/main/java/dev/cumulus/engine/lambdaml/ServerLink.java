package dev.cumulus.engine.lambdaml;

import dev.cumulus.engine.protocol.RunSetup;
import dev.cumulus.model.Models;
import dev.cumulus.ps.ClientOptions;
import dev.cumulus.ps.ModelInit;
import dev.cumulus.ps.ParameterServer;
import dev.cumulus.ps.ParameterServerClient;
import dev.cumulus.ps.ServerAddress;
import dev.cumulus.ps.ServerOptions;
import dev.cumulus.ps.ServerStatus;
import dev.cumulus.ps.SupervisedParameterServer;
import dev.cumulus.ps.SyncMode;
import dev.cumulus.runtime.platform.PlatformSpec;
import dev.cumulus.runtime.billing.Ec2Rate;
import dev.cumulus.runtime.billing.PriceTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The driver's side of LambdaML's hybrid design: it starts a parameter server for the run (or
 * uses the job's), gives it the initial model, tells the functions where it is through the run's
 * channel, and after the run prices the server's hours.
 *
 * <p>With worker processes (platform {@code processes}) the server is a process of its own too,
 * supervised: killed, it is started again on its state directory and port and resumes from its
 * last durable state, while the functions' clients retry. With threads it runs in the driver's JVM.
 */
final class ServerLink {
    /** How often a run's supervised server may die and be started again. */
    static final int MAX_RESTARTS = 5;
    /** The supervised servers of the runs in progress, for their restarts and summed uptime in the cost. */
    private static final Map<String, SupervisedParameterServer> SUPERVISED = new ConcurrentHashMap<>();

    private ServerLink() {
    }

    static String addressKey(dev.cumulus.engine.protocol.RunKeys keys) {
        return keys.prefix() + "ps/address";
    }

    /** Starts (or finds) the server, initialises the model, and publishes the address. */
    static void start(RunSetup run, LambdaMlSettings settings) {
        ServerAddress address;
        if (settings.psAddress() != null) {
            address = ServerAddress.parse(settings.psAddress());
        } else {
            Path state = createStateDirectory(run.runId());
            run.resources().add(() -> deleteTree(state));
            try {
                if (run.job().platform().type().equals(PlatformSpec.PROCESSES)) {
                    SupervisedParameterServer server = SupervisedParameterServer.start(ServerOptions.builder(state).build(),
                            MAX_RESTARTS);
                    run.resources().add(() -> SUPERVISED.remove(run.runId()));
                    run.resources().add(server);
                    SUPERVISED.put(run.runId(), server);
                    address = server.address();
                    run.log().accept("parameter server started at " + address + " (process " + server.pid()
                            + ", restarted if it dies)");
                } else {
                    address = run.resources().add(ParameterServer.start(ServerOptions.builder(state).build())).address();
                    run.log().accept("parameter server started at " + address);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the run's parameter server", e);
            }
        }
        var job = run.job();
        float[] initial = Models.create(job.model(), run.train().cols(), run.train().numClasses())
                .initialParameters(job.seed());
        try (ParameterServerClient client = ParameterServerClient.connect(ClientOptions.builder(address).build())) {
            client.init(new ModelInit("run-" + run.runId(), initial, job.training().optimizer(), job.workers(),
                    settings.asynchronous() ? SyncMode.ASP : SyncMode.BSP));
        }
        run.channel().put(addressKey(run.keys()), address.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The server's hours and their price, for the run's cost report. */
    static Map<String, Object> cost(RunSetup run, LambdaMlSettings settings) {
        ServerAddress address = ServerAddress.parse(new String(run.channel().get(addressKey(run.keys())).orElseThrow(),
                StandardCharsets.UTF_8));
        ServerStatus status;
        try (ParameterServerClient client = ParameterServerClient.connect(ClientOptions.builder(address).build())) {
            status = client.status();
        }
        Ec2Rate rate = PriceTable.defaults().ec2(settings.psInstanceType());
        Map<String, Object> cost = new LinkedHashMap<>();
        SupervisedParameterServer supervised = SUPERVISED.get(run.runId());
        // A restarted server's own clock starts again: the run pays for every process's lifetime.
        Duration uptime = supervised != null ? supervised.uptime() : Duration.ofMillis(status.uptimeMillis());
        cost.put("parameterServerInstance", settings.psInstanceType());
        cost.put("parameterServerHours", uptime.toMillis() / 3_600_000.0);
        cost.put("parameterServerBusySeconds", status.busyMillis() / 1000.0);
        cost.put("parameterServerRequests", status.requestsServed());
        // Of the last server process: with group commit, fewer than its pushes.
        cost.put("parameterServerJournalForces", status.journalForces());
        cost.put("parameterServerPushes", status.pushesAccepted());
        cost.put("parameterServerRestarts", supervised != null ? supervised.restarts() : 0);
        cost.put("parameterServerUsd", rate.costUsd(uptime));
        return cost;
    }

    private static Path createStateDirectory(String runId) {
        try {
            return Files.createTempDirectory("cumulus-ps-" + runId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the parameter server's state directory", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
