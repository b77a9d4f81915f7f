package dev.cumulus.engine.p2p;

import dev.cumulus.engine.metrics.EpochRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a live peer hands a peer that joins: the round it starts at, the peers (and their stores)
 * it aggregates with from then, and the state every live peer holds after the round before: the
 * model, the optimiser's state and the epoch's loss so far.
 *
 * @param stores the store URI of every peer live from {@code round}, the joiner's included, by rank
 */
record Admission(long round, Map<Integer, String> stores, float[] parameters, float[] optimizerState,
        double epochLossSum, List<EpochRecord> curve) {

    Admission {
        stores = new TreeMap<>(stores);
        curve = List.copyOf(curve);
    }

    byte[] encode() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(round);
            out.writeInt(stores.size());
            for (Map.Entry<Integer, String> store : stores.entrySet()) {
                out.writeInt(store.getKey());
                out.writeUTF(store.getValue());
            }
            writeFloats(out, parameters);
            writeFloats(out, optimizerState);
            out.writeDouble(epochLossSum);
            out.writeUTF(EpochRecord.toCsv(curve));
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Admission decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            long round = in.readLong();
            int n = in.readInt();
            Map<Integer, String> stores = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                stores.put(in.readInt(), in.readUTF());
            }
            float[] parameters = readFloats(in);
            float[] optimizerState = readFloats(in);
            double epochLossSum = in.readDouble();
            List<EpochRecord> curve = new ArrayList<>(EpochRecord.fromCsv(in.readUTF()));
            return new Admission(round, stores, parameters, optimizerState, epochLossSum, curve);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a peer admission: " + e.getMessage(), e);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }
}
