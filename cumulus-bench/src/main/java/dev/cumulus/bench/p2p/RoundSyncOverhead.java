package dev.cumulus.bench.p2p;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.engine.p2p.RoundTimes;
import dev.cumulus.engine.p2p.StandalonePeer;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The round synchronisation overhead of {@code protocol: p2p}: per round, from the moment the last
 * peer published its gradient until the moment the last peer knew that every live peer had
 * published (its wait on the last mark returned), both read from the peers' own timestamps
 * ({@link RoundTimes}, microseconds since the epoch on this host's clock). SPIRT learns the same
 * by polling a queue once a second. P peers train a Fashion-MNIST softmax model as threads of this
 * JVM (or, with {@code --processes}, each in a JVM of its own, as on the processes platform), each
 * with a redis-server of its own on 127.0.0.1 (Cumulus's module loaded if MODULE is given).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.cumulus.bench.p2p.RoundSyncOverhead [--processes]
 * [PEERS] [ROWS] [FUNCTIONS] [MODULE]}; prints one Markdown row: rounds, the overhead's median, 90th
 * percentile and maximum, and the median round time; then where it goes: the last publisher's own
 * time to know against the other peers', how often the last to know was the last to publish, the
 * time until every peer had also agreed on the round ({@code RoundAgreement}), the commands each
 * store served a round, and the peak thread count of a peer's JVM.
 */
public final class RoundSyncOverhead {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(PEER)) {
            runPeer(Path.of(args[1]), args[2], Integer.parseInt(args[3]));
            return;
        }
        boolean processes = args.length > 0 && args[0].equals("--processes");
        if (processes) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        int peers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 6000;
        int functions = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String module = args.length > 3 ? Path.of(args[3]).toAbsolutePath().toString() : null;
        List<Process> servers = new ArrayList<>();
        List<String> stores = new ArrayList<>();
        try {
            for (int p = 0; p < peers; p++) {
                int port = freePort();
                List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind",
                        "127.0.0.1", "--save", "", "--appendonly", "no"));
                if (module != null) {
                    command.addAll(List.of("--loadmodule", module));
                }
                servers.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                awaitPort(port);
                stores.add("redis://127.0.0.1:" + port);
            }
            String yaml = """
                    dataset: { source: fashion-mnist, rows: %d }
                    model: { type: softmax, standardize: true }
                    algorithm: { optimizer: sgd, learningRate: 0.01, batchSize: 16, epochs: 1 }
                    seed: 7
                    protocol: p2p
                    p2p: { peers: %d, functionsPerPeer: %d, stores: "%s", heartbeatMillis: 200, exclusionMillis: 10000 }
                    """.formatted(rows, peers, functions, String.join(" ", stores));
            String run = "sync-" + Long.toHexString(System.nanoTime());
            int threads = processes ? inProcesses(yaml, run, peers) : inThreads(yaml, run, peers);
            report(run, stores, peers, functions, threads);
        } finally {
            servers.forEach(Process::destroy);
        }
        System.exit(0);
    }

    /** Further options of the peer processes' JVMs (system property {@code peerJvmOptions}, separated by spaces). */
    private static final List<String> PEER_JVM_OPTIONS = System.getProperty("peerJvmOptions", "").isBlank() ? List.of()
            : List.of(System.getProperty("peerJvmOptions").trim().split("\\s+"));

    /** The first argument of a peer process this benchmark starts. */
    private static final String PEER = "--peer";

    /** Runs the peers as threads of this JVM; its peak thread count. */
    private static int inThreads(String yaml, String run, int peers) {
        BoundJob job = Protocols.read(yaml, "round-sync.yaml", List.of());
        List<CompletableFuture<StandalonePeer.Result>> running = new ArrayList<>();
        for (int p = 0; p < peers; p++) {
            int rank = p;
            running.add(CompletableFuture.supplyAsync(() -> StandalonePeer.run(job, run, rank, null, false, line -> { }),
                    r -> new Thread(r, "peer-" + rank).start()));
        }
        for (CompletableFuture<StandalonePeer.Result> peer : running) {
            peer.join();
        }
        return ManagementFactory.getThreadMXBean().getPeakThreadCount();
    }

    /**
     * Runs each peer in a JVM of its own, started as the processes platform starts a function
     * ({@code ProcessOptions.javaCommand}: serial collector, the Vector API module); the largest of
     * their peak thread counts.
     */
    private static int inProcesses(String yaml, String run, int peers) throws IOException, InterruptedException {
        Path job = Files.createTempFile("round-sync", ".yaml");
        try {
            Files.writeString(job, yaml);
            List<Process> running = new ArrayList<>();
            for (int p = 0; p < peers; p++) {
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector"));
                command.addAll(PEER_JVM_OPTIONS);
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), RoundSyncOverhead.class.getName(), PEER,
                        job.toString(), run, Integer.toString(p)));
                running.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start());
            }
            int threads = 0;
            for (int p = 0; p < peers; p++) {
                String out = new String(running.get(p).getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (running.get(p).waitFor() != 0 || !out.startsWith("threads ")) {
                    throw new IllegalStateException("peer process " + p + " failed (exit " + running.get(p).exitValue() + "): " + out);
                }
                threads = Math.max(threads, Integer.parseInt(out.substring("threads ".length())));
            }
            return threads;
        } finally {
            Files.deleteIfExists(job);
        }
    }

    /** One peer process: trains its rank of the job and prints its JVM's peak thread count. */
    private static void runPeer(Path job, String run, int rank) throws IOException {
        BoundJob bound = Protocols.read(Files.readString(job), job.toString(), List.of());
        StandalonePeer.run(bound, run, rank, null, false, line -> { });
        System.out.println("threads " + ManagementFactory.getThreadMXBean().getPeakThreadCount());
        System.exit(0);
    }

    private static void report(String run, List<String> stores, int peers, int functions, int threads) {
        // By round, each peer's instants: [peer][published, knew, agreed].
        Map<Long, long[][]> byRound = new TreeMap<>();
        for (int p = 0; p < peers; p++) {
            try (Channel store = Channels.open(stores.get(p))) {
                for (RoundTimes.Round r : RoundTimes.decode(store.get(RoundTimes.key(run, p)).orElseThrow())) {
                    byRound.computeIfAbsent(r.round(), k -> new long[peers][])[p] =
                            new long[] {r.publishedEpochMicros(), r.knewEpochMicros(), r.agreedEpochMicros()};
                }
            }
        }
        int n = byRound.size();
        double[] overheadMs = new double[n];
        double[] agreedMs = new double[n];
        double[] lastPublisherMs = new double[n];
        double[] othersMs = new double[n];
        double[] roundMs = new double[n - 1];
        int lastKnowerPublishedLast = 0;
        int i = 0;
        long previous = Long.MIN_VALUE;
        for (long[][] round : byRound.values()) {
            Split split = split(round);
            overheadMs[i] = split.overheadMs();
            agreedMs[i] = split.agreedMs();
            lastPublisherMs[i] = split.lastPublisherMs();
            othersMs[i] = split.othersMs();
            lastKnowerPublishedLast += split.lastKnowerPublishedLast() ? 1 : 0;
            if (previous != Long.MIN_VALUE) {
                roundMs[i - 1] = (split.knewEpochMicros() - previous) / 1e3;
            }
            previous = split.knewEpochMicros();
            i++;
        }
        Arrays.sort(overheadMs);
        System.out.println("| peers | functions per peer | rounds | overhead median ms | p90 ms | max ms | round median ms |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| %d | %d | %d | **%.2f** | %.2f | %.2f | %.1f |%n", peers, functions, n, overheadMs[n / 2],
                overheadMs[(int) (n * 0.9)], overheadMs[n - 1], median(roundMs));
        System.out.println();
        // Where the overhead goes: the last publisher's own gathering after it published, against the
        // others' wake-up; the agreement's exchange on top; the requests each store served a round.
        System.out.println("| peers | last publisher knew, median ms | others knew, median ms | last knower published last | "
                + "agreed, median ms | p90 ms | requests per store per round | threads per JVM (peak) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        Arrays.sort(agreedMs);
        System.out.printf("| %d | %.2f | %.2f | %d of %d | %.2f | %.2f | %.1f | %d |%n", peers, median(lastPublisherMs),
                median(othersMs), lastKnowerPublishedLast, n, agreedMs[n / 2], agreedMs[(int) (n * 0.9)],
                requestsPerRound(stores) / n, threads);
    }

    /**
     * One round's times, from the last publication: until the last peer knew (the overhead), until
     * the last publisher itself knew, until the last of the others knew, until the last peer agreed.
     */
    record Split(double overheadMs, double lastPublisherMs, double othersMs, double agreedMs,
                 boolean lastKnowerPublishedLast, long knewEpochMicros) {
    }

    /** The split of a round given each peer's [published, knew, agreed] instants (null for a peer absent from it). Pure. */
    static Split split(long[][] round) {
        int lastPublisher = argMax(round, 0);
        int lastKnower = argMax(round, 1);
        long published = round[lastPublisher][0];
        long knew = round[lastKnower][1];
        long othersKnew = Long.MIN_VALUE;
        for (int p = 0; p < round.length; p++) {
            if (p != lastPublisher && round[p] != null) {
                othersKnew = Math.max(othersKnew, round[p][1]);
            }
        }
        return new Split((knew - published) / 1e3, (round[lastPublisher][1] - published) / 1e3,
                othersKnew == Long.MIN_VALUE ? 0 : (othersKnew - published) / 1e3,
                (round[argMax(round, 2)][2] - published) / 1e3, lastKnower == lastPublisher, knew);
    }

    private static int argMax(long[][] round, int field) {
        int best = -1;
        for (int p = 0; p < round.length; p++) {
            if (round[p] != null && (best < 0 || round[p][field] > round[best][field])) {
                best = p;
            }
        }
        return best;
    }

    /** The commands each store served in the whole run ({@code INFO commandstats}), the mean over the stores. */
    private static double requestsPerRound(List<String> stores) {
        long calls = 0;
        for (String uri : stores) {
            try (var client = io.lettuce.core.RedisClient.create(uri); var connection = client.connect()) {
                for (String line : connection.sync().info("commandstats").split("\r?\n")) {
                    int at = line.indexOf("calls=");
                    if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info") && at >= 0) {
                        calls += Long.parseLong(line.substring(at + 6, line.indexOf(',', at)));
                    }
                }
            }
        }
        return (double) calls / stores.size();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new IllegalStateException("redis-server did not open port " + port);
    }
}
