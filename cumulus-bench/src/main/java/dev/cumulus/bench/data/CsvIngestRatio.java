package dev.cumulus.bench.data;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.binary.BinaryDatasetReader;
import dev.cumulus.data.binary.BinaryDatasetWriter;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.csv.CsvReader;
import dev.cumulus.data.csv.CsvWriter;
import dev.cumulus.data.generate.HiggsLike;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the same HIGGS-like CSV with {@link CsvReader} and with {@code numpy.loadtxt} (in a
 * python3 process, timing only the call), alternating the two so both see the same load, and
 * prints each time, the medians and their ratio. Also times what comes after the read in the
 * driver (the fingerprint) and reading the same data from the binary format.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.cumulus.bench.data.CsvIngestRatio [csv] [rows] [rounds]};
 * the file (default {@code /tmp/cumulus-higgs-1m.csv}) is generated with {@link HiggsLike}, seed 42, if absent.
 */
public final class CsvIngestRatio {
    private static final long PYTHON_TIMEOUT_SECONDS = 900;
    private static final String NUMPY = String.join("\n",
            "import sys, time, numpy",
            "t = time.perf_counter(); c = time.process_time()",
            "a = numpy.loadtxt(sys.argv[1], delimiter=',', dtype=numpy.float32)",
            "print(time.perf_counter() - t, time.process_time() - c, a.shape[0], a.shape[1])");

    private CsvIngestRatio() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0] : "/tmp/cumulus-higgs-1m.csv");
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(csv)) {
            System.out.println("generating " + rows + " HIGGS-like rows (seed 42) into " + csv);
            CsvWriter.write(new HiggsLike().generate(rows, 42), LabelMap.zeroBased(2), csv);
        }
        System.out.printf("%s: %.1f MB, %d cores%n", csv, Files.size(csv) / 1e6, Runtime.getRuntime().availableProcessors());

        Timing warm = timeCumulus(csv);
        timeNumpy(csv);
        System.out.printf("warm-up: cumulus %.3f s (%d rows x %d)%n", warm.wallSeconds, warm.rows, warm.cols);
        double[] cumulusWall = new double[rounds];
        double[] cumulusCpu = new double[rounds];
        double[] numpyWall = new double[rounds];
        double[] numpyCpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Timing c = timeCumulus(csv);
            Timing n = timeNumpy(csv);
            if (c.rows != n.rows || c.cols + 1 != n.cols) {
                throw new IllegalStateException("the readers disagree on the shape: " + c + " vs " + n);
            }
            cumulusWall[r] = c.wallSeconds;
            cumulusCpu[r] = c.cpuSeconds;
            numpyWall[r] = n.wallSeconds;
            numpyCpu[r] = n.cpuSeconds;
            System.out.printf("round %d: cumulus %.3f s wall (%.3f s cpu), numpy.loadtxt %.3f s wall (%.3f s cpu)%n",
                    r + 1, c.wallSeconds, c.cpuSeconds, n.wallSeconds, n.cpuSeconds);
        }
        double c = median(cumulusWall);
        double n = median(numpyWall);
        System.out.printf("median: cumulus %.3f s (%.0f MB/s), numpy.loadtxt %.3f s: cumulus is %.1fx faster"
                        + " (cpu time: %.1fx)%n", c, Files.size(csv) / 1e6 / c, n, n / c,
                median(numpyCpu) / median(cumulusCpu));
        afterTheRead(csv, rounds);
    }

    /** The driver's steps after reading, and the binary format's read, for the same data. */
    private static void afterTheRead(Path csv, int rounds) throws IOException {
        Dataset data = CsvReader.read(csv);
        Path binary = Files.createTempFile("ingest", ".cds");
        try {
            BinaryDatasetWriter.write(data, LabelMap.zeroBased(2), binary);
            double[] fingerprint = new double[rounds];
            double[] binaryRead = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                DataFingerprint.of(data);
                long t1 = System.nanoTime();
                LabelledData back = BinaryDatasetReader.read(binary);
                long t2 = System.nanoTime();
                if (back.dataset().rows() != data.rows()) {
                    throw new IllegalStateException("binary read back " + back.dataset().rows() + " rows");
                }
                fingerprint[r] = (t1 - t0) / 1e9;
                binaryRead[r] = (t2 - t1) / 1e9;
            }
            System.out.printf("median: fingerprint (%s) %.3f s; binary read (%.1f MB, checksum verified) %.3f s%n",
                    DataFingerprint.ALGORITHM, median(fingerprint), Files.size(binary) / 1e6, median(binaryRead));
        } finally {
            Files.deleteIfExists(binary);
        }
    }

    private record Timing(double wallSeconds, double cpuSeconds, int rows, int cols) {
    }

    private static Timing timeCumulus(Path csv) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Dataset d = CsvReader.read(csv);
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        return new Timing((t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, d.rows(), d.cols());
    }

    private static Timing timeNumpy(Path csv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("python3", "-c", NUMPY, csv.toString())).redirectErrorStream(true).start();
        if (!p.waitFor(PYTHON_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("numpy.loadtxt took more than " + PYTHON_TIMEOUT_SECONDS + " s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0) {
            throw new IllegalStateException("python3 failed (is numpy installed?): " + out);
        }
        String[] f = out.split("\\s+");
        return new Timing(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Integer.parseInt(f[2]),
                Integer.parseInt(f[3]));
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
