package dev.cumulus.engine.lambdaml;

import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.protocol.RunProgress;
import dev.cumulus.engine.checkpoint.Checkpoint;
import dev.cumulus.engine.metrics.Timeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a worker is in its run: the collective round, the epoch and step within it, the epoch's
 * running loss sums and the loss curve so far. It is what a checkpoint saves besides the model, so
 * every worker kind resumes the same way.
 */
final class Progress {
    private final long originEpochMicros;
    private long round;
    private int epoch;
    private int step;
    private double lossSum;
    private double rowSum;
    private final List<EpochRecord> curve;

    private Progress(long originEpochMicros, Checkpoint start) {
        this.originEpochMicros = originEpochMicros;
        this.round = start != null ? start.round() : 0;
        this.epoch = start != null ? start.epoch() : 0;
        this.step = start != null ? start.step() : 0;
        this.lossSum = start != null ? start.lossSum() : 0;
        this.rowSum = start != null ? start.rowSum() : 0;
        this.curve = new ArrayList<>(start != null ? start.curve() : List.of());
    }

    /** Progress from a checkpoint, or from the start of the run when {@code start} is null. */
    static Progress resume(long originEpochMicros, Checkpoint start) {
        return new Progress(originEpochMicros, start);
    }

    long round() {
        return round;
    }

    int epoch() {
        return epoch;
    }

    int step() {
        return step;
    }

    /** The 0-based index of the current step over the whole run, for learning-rate schedules. */
    long globalStep(int stepsPerEpoch) {
        return (long) epoch * stepsPerEpoch + step;
    }

    List<EpochRecord> curve() {
        return curve;
    }

    /** Adds one step's summed loss (loss x rows) and its row count to the epoch's sums. */
    void add(double lossTimesRows, double rows) {
        lossSum += lossTimesRows;
        rowSum += rows;
    }

    /**
     * Moves past one finished step. When it was the epoch's last, records the epoch's mean loss on
     * the curve, starts the next epoch and returns that loss; otherwise returns NaN.
     */
    double finishStep(int stepsPerEpoch) {
        round++;
        step++;
        if (step < stepsPerEpoch) {
            return Double.NaN;
        }
        double epochLoss = lossSum / rowSum;
        curve.add(new EpochRecord(epoch + 1, epochLoss, (Timeline.nowEpochMicros() - originEpochMicros) / 1e6));
        epoch++;
        step = 0;
        lossSum = 0;
        rowSum = 0;
        return epochLoss;
    }

    /** Moves past one collective round that did not finish a step (an L-BFGS line-search trial). */
    void nextRound() {
        round++;
    }

    /** Ends the run early (the target loss was reached): no epoch below {@code epochs} remains. */
    void stopAt(int epochs) {
        epoch = epochs;
    }

    /** What a person watching sees: the epoch and step, the epoch's running loss, the last round's time. */
    RunProgress report(int epochs, int stepsPerEpoch, double lastRoundMillis) {
        double loss = rowSum > 0 ? lossSum / rowSum : curve.isEmpty() ? Double.NaN : curve.get(curve.size() - 1).trainLoss();
        return new RunProgress(Math.min(epoch, epochs), epochs, step, stepsPerEpoch, loss, lastRoundMillis);
    }

    Checkpoint checkpoint(float[] parameters, float[] optimizerState) {
        return new Checkpoint(round, epoch, step, lossSum, rowSum, parameters, optimizerState, curve);
    }
}
