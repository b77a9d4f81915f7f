package dev.cumulus.bench.peers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of {@link PeerComparison}, validated: a bad one cannot be built. */
record Options(String peer, Workload workload, int rounds, Path data, Path out, Path repo, Path python,
               Path sparkTarget, String sparkHeap, String cumulusJavaOptions, List<String> sets) {

    static final String USAGE = "usage: PeerComparison sklearn|spark lr-1m|lr-5m|fashion [--rounds N] [--data DIR]"
            + " [--out DIR] [--repo DIR] [--python PATH] [--spark DIR] [--spark-heap SIZE] [--java-opts OPTIONS] [--set KEY=VALUE]...";

    Options {
        sets = List.copyOf(sets);
    }

    static Options parse(String[] args) {
        List<String> positional = new ArrayList<>();
        int rounds = 3;
        Path data = Path.of("/tmp/cumulus-peers");
        Path out = null;
        Path repo = Path.of(".");
        Path python = Path.of("/usr/bin/python3");
        Path spark = null;
        String heap = "6g";
        String javaOptions = "";
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--rounds" -> rounds = positive(a, v);
                case "--data" -> data = Path.of(v);
                case "--out" -> out = Path.of(v);
                case "--repo" -> repo = Path.of(v);
                case "--python" -> python = Path.of(v);
                case "--spark" -> spark = Path.of(v);
                case "--spark-heap" -> heap = v;
                case "--java-opts" -> javaOptions = v;
                case "--set" -> {
                    if (!v.contains("=")) {
                        throw new IllegalArgumentException("--set " + v + ": expected KEY=VALUE");
                    }
                    sets.add(v);
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (positional.size() != 2) {
            throw new IllegalArgumentException("expected PEER and WORKLOAD, got " + positional);
        }
        String peer = positional.get(0);
        if (!peer.equals("sklearn") && !peer.equals("spark")) {
            throw new IllegalArgumentException("unknown peer '" + peer + "': expected sklearn or spark");
        }
        Workload workload = Workload.named(positional.get(1));
        return new Options(peer, workload, rounds, data,
                out != null ? out : Path.of("runs", "peers-" + peer + "-" + workload.name()), repo, python,
                spark != null ? spark : repo.resolve("cumulus-bench/spark-peer/target"), heap, javaOptions, sets);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " " + value + ": expected a whole number greater than 0");
    }
}
