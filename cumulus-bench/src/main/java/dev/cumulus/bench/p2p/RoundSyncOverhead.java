package dev.cumulus.bench.p2p;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.engine.p2p.RoundTimes;
import dev.cumulus.engine.p2p.StandalonePeer;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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
 * JVM, each with a redis-server of its own on 127.0.0.1 (Cumulus's module loaded if MODULE is given).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.cumulus.bench.p2p.RoundSyncOverhead [PEERS] [ROWS]
 * [FUNCTIONS] [MODULE]}; prints one Markdown row: rounds, the overhead's median, 90th percentile
 * and maximum, and the median round time.
 */
public final class RoundSyncOverhead {
    public static void main(String[] args) throws Exception {
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
            BoundJob job = Protocols.read("""
                    dataset: { source: fashion-mnist, rows: %d }
                    model: { type: softmax, standardize: true }
                    algorithm: { optimizer: sgd, learningRate: 0.01, batchSize: 16, epochs: 1 }
                    seed: 7
                    protocol: p2p
                    p2p: { peers: %d, functionsPerPeer: %d, stores: "%s", heartbeatMillis: 200, exclusionMillis: 10000 }
                    """.formatted(rows, peers, functions, String.join(" ", stores)), "round-sync.yaml", List.of());
            String run = "sync-" + Long.toHexString(System.nanoTime());
            List<CompletableFuture<StandalonePeer.Result>> running = new ArrayList<>();
            for (int p = 0; p < peers; p++) {
                int rank = p;
                running.add(CompletableFuture.supplyAsync(() -> StandalonePeer.run(job, run, rank, null, false, line -> { }),
                        r -> new Thread(r, "peer-" + rank).start()));
            }
            for (CompletableFuture<StandalonePeer.Result> peer : running) {
                peer.join();
            }
            report(run, stores, peers, functions);
        } finally {
            servers.forEach(Process::destroy);
        }
        System.exit(0);
    }

    private static void report(String run, List<String> stores, int peers, int functions) {
        Map<Long, long[]> lastPublished = new TreeMap<>();
        Map<Long, long[]> lastKnew = new TreeMap<>();
        for (int p = 0; p < peers; p++) {
            try (Channel store = Channels.open(stores.get(p))) {
                for (RoundTimes.Round r : RoundTimes.decode(store.get(RoundTimes.key(run, p)).orElseThrow())) {
                    lastPublished.computeIfAbsent(r.round(), k -> new long[] {Long.MIN_VALUE})[0] =
                            Math.max(lastPublished.get(r.round())[0], r.publishedEpochMicros());
                    lastKnew.computeIfAbsent(r.round(), k -> new long[] {Long.MIN_VALUE})[0] =
                            Math.max(lastKnew.get(r.round())[0], r.knewEpochMicros());
                }
            }
        }
        int n = lastPublished.size();
        double[] overheadMs = new double[n];
        double[] roundMs = new double[n - 1];
        int i = 0;
        long previous = Long.MIN_VALUE;
        for (long round : lastPublished.keySet()) {
            overheadMs[i] = (lastKnew.get(round)[0] - lastPublished.get(round)[0]) / 1e3;
            if (previous != Long.MIN_VALUE) {
                roundMs[i - 1] = (lastKnew.get(round)[0] - previous) / 1e3;
            }
            previous = lastKnew.get(round)[0];
            i++;
        }
        Arrays.sort(overheadMs);
        System.out.println("| peers | functions per peer | rounds | overhead median ms | p90 ms | max ms | round median ms |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| %d | %d | %d | **%.2f** | %.2f | %.2f | %.1f |%n", peers, functions, n, overheadMs[n / 2],
                overheadMs[(int) (n * 0.9)], overheadMs[n - 1], median(roundMs));
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
