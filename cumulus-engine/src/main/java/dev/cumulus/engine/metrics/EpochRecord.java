package dev.cumulus.engine.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The training loss after one epoch and when it was reached.
 *
 * @param trainLoss mean objective over the epoch's batches, as the workers saw it
 * @param elapsedSeconds seconds since the run started
 */
public record EpochRecord(int epoch, double trainLoss, double elapsedSeconds) {

    public static String toCsv(List<EpochRecord> records) {
        StringBuilder sb = new StringBuilder("epoch,trainLoss,elapsedSeconds\n");
        for (EpochRecord r : records) {
            sb.append(String.format(Locale.ROOT, "%d,%.9g,%.6f%n", r.epoch, r.trainLoss, r.elapsedSeconds));
        }
        return sb.toString();
    }

    public static List<EpochRecord> fromCsv(String csv) {
        List<EpochRecord> out = new ArrayList<>();
        String[] lines = csv.split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].trim().split(",");
            out.add(new EpochRecord(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        }
        return out;
    }
}
