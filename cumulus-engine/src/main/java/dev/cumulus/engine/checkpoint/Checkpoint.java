package dev.cumulus.engine.checkpoint;

import dev.cumulus.engine.metrics.EpochRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Everything a worker needs to resume exactly where it stopped: the position in the data
 * (round, epoch, step), the model, the optimiser state and the epoch's running sums.
 *
 * <p>The data order needs no RNG state: {@link dev.cumulus.engine.protocol.BatchSchedule} derives
 * it from (seed, epoch, rank), so the position alone restores it. The encoding ends in a CRC-32C,
 * so a torn or corrupted checkpoint is refused rather than resumed from.
 *
 * @param round the next collective round
 * @param epoch the epoch in progress (k-means: the iteration)
 * @param step the next step within the epoch
 */
public record Checkpoint(long round, int epoch, int step, double lossSum, double rowSum, float[] parameters,
        float[] optimizerState, List<EpochRecord> curve) {

    private static final int MAGIC = 0x434b5054; // "CKPT"

    public Checkpoint {
        curve = List.copyOf(curve);
    }

    public byte[] encode() {
        byte[] curveBytes = EpochRecord.toCsv(curve).getBytes(StandardCharsets.UTF_8);
        int size = 4 + 8 + 4 + 4 + 8 + 8 + 4 + parameters.length * 4 + 4 + optimizerState.length * 4 + 4
                + curveBytes.length + 4;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putLong(round).putInt(epoch).putInt(step).putDouble(lossSum).putDouble(rowSum);
        b.putInt(parameters.length);
        b.asFloatBuffer().put(parameters);
        b.position(b.position() + parameters.length * 4);
        b.putInt(optimizerState.length);
        b.asFloatBuffer().put(optimizerState);
        b.position(b.position() + optimizerState.length * 4);
        b.putInt(curveBytes.length).put(curveBytes);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, size - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Decodes a checkpoint; a wrong magic, length or checksum is an IllegalArgumentException. */
    public static Checkpoint decode(byte[] bytes) {
        if (bytes.length < 48) {
            throw new IllegalArgumentException("checkpoint too short: " + bytes.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(bytes.length - 4) != (int) crc.getValue() || b.getInt() != MAGIC) {
            throw new IllegalArgumentException("checkpoint is corrupt (bad magic or checksum)");
        }
        long round = b.getLong();
        int epoch = b.getInt();
        int step = b.getInt();
        double lossSum = b.getDouble();
        double rowSum = b.getDouble();
        float[] params = floats(b);
        float[] opt = floats(b);
        byte[] curve = new byte[b.getInt()];
        b.get(curve);
        return new Checkpoint(round, epoch, step, lossSum, rowSum, params, opt,
                EpochRecord.fromCsv(new String(curve, StandardCharsets.UTF_8)));
    }

    private static float[] floats(ByteBuffer b) {
        float[] out = new float[b.getInt()];
        b.asFloatBuffer().get(out);
        b.position(b.position() + out.length * 4);
        return out;
    }
}
