package dev.cumulus.ps;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The snapshot file: everything a {@link ParameterState} holds plus the sequence number of the last
 * journal record folded into it, followed by a CRC-32C of the whole. Written with write-then-rename,
 * so a reader sees a whole snapshot or the previous one.
 */
final class SnapshotFormat {
    private static final int MAGIC = 0x53535043; // "CPSS" read little-endian
    private static final int VERSION = 1;

    /** A state and the last journal sequence it includes. */
    record Snapshot(ParameterState state, long journalSequence) {
    }

    private SnapshotFormat() {
    }

    static byte[] encode(ParameterState state, long journalSequence) {
        ModelInit init = state.init();
        BinaryWriter out = new BinaryWriter(64 + 8 * init.parameterCount());
        out.putInt(MAGIC).putInt(VERSION);
        Messages.writeInit(out, init);
        out.putLong(journalSequence).putLong(state.round()).putLong(state.updatesApplied()).putLong(state.pushesAccepted());
        out.putFloats(state.parameters()).putFloats(state.optimizerState());
        for (int w = 0; w < init.workers(); w++) {
            float[] pending = state.pending(w);
            out.putBoolean(pending != null);
            if (pending != null) {
                out.putFloats(pending);
            }
            out.putLong(state.lastRound(w));
        }
        byte[] body = out.toBytes();
        return new BinaryWriter(body.length + 4).putBytes(body).putInt(crc(body, body.length)).toBytes();
    }

    /** Decodes a snapshot; {@code source} (the file) names it in errors. */
    static Snapshot decode(String source, byte[] bytes) {
        if (bytes.length < 12) {
            throw new BinaryReader.MalformedInputException(source + ": " + bytes.length + " bytes is too short for a snapshot");
        }
        int bodyLength = bytes.length - 4;
        BinaryReader crcReader = new BinaryReader(source, ByteBuffer.wrap(bytes, bodyLength, 4));
        if (crcReader.getInt("checksum") != crc(bytes, bodyLength)) {
            throw new BinaryReader.MalformedInputException(source + ": checksum mismatch, the snapshot is corrupt");
        }
        BinaryReader in = new BinaryReader(source, ByteBuffer.wrap(bytes, 0, bodyLength));
        if (in.getInt("magic") != MAGIC) {
            throw in.malformed("not a parameter server snapshot");
        }
        int version = in.getInt("version");
        if (version != VERSION) {
            throw in.malformed("snapshot version " + version + ", this build reads " + VERSION);
        }
        ParameterState state = new ParameterState(Messages.readInit(in));
        long journalSequence = in.getLong("journal sequence");
        long round = in.getLong("round");
        long updates = in.getLong("updates applied");
        long pushes = in.getLong("pushes accepted");
        float[] parameters = in.getFloats("parameters");
        float[] optimizerState = in.getFloats("optimizer state");
        int workers = state.init().workers();
        float[][] pending = new float[workers][];
        long[] lastRound = new long[workers];
        for (int w = 0; w < workers; w++) {
            pending[w] = in.getBoolean("pending flag of worker " + w) ? in.getFloats("pending gradient of worker " + w) : null;
            lastRound[w] = in.getLong("last round of worker " + w);
        }
        in.expectEnd();
        state.restore(round, updates, pushes, parameters, optimizerState, pending, lastRound);
        return new Snapshot(state, journalSequence);
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
