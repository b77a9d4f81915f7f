package dev.cumulus.ps;

import dev.cumulus.optim.OptimizerSpec;

/**
 * The binary form of every RPC message: a format byte, then the fields little-endian, vectors as a
 * length and float32 values. Requests that have no public type are the records below.
 */
final class Messages {
    /** Written first in every message; bumped when a message's layout changes. */
    static final int FORMAT = 1;

    /** A worker's gradient for a round. */
    record PushRequest(int worker, long round, float[] gradient) {
    }

    /** Asks for the model of at least {@code round}, waiting on the server up to {@code waitMillis}. */
    record PullRequest(long round, long waitMillis) {
    }

    /**
     * The model ({@code ready}) or, when the wait ran out first, only the round the server is at;
     * {@code heldMicros} is how long the server held the pull for its round (waiting for the other
     * workers' pushes), 0 when it answered at once.
     */
    record PullReply(boolean ready, long round, float[] parameters, long heldMicros) {
        PullReply(boolean ready, long round, float[] parameters) {
            this(ready, round, parameters, 0);
        }
    }

    /** The status request has no fields. */
    record StatusRequest() {
    }

    private Messages() {
    }

    static void writeInit(BinaryWriter out, ModelInit init) {
        out.putString(init.modelId());
        out.putFloats(init.parametersUnsafe());
        OptimizerSpec spec = init.optimizer();
        out.putString(spec.type()).putDouble(spec.learningRate()).putDouble(spec.momentum())
                .putDouble(spec.beta1()).putDouble(spec.beta2()).putDouble(spec.epsilon());
        out.putInt(init.workers()).putByte(init.mode().ordinal());
    }

    static ModelInit readInit(BinaryReader in) {
        String modelId = in.getString("model id");
        float[] parameters = in.getFloats("parameters");
        OptimizerSpec spec = new OptimizerSpec(in.getString("optimizer type"), in.getDouble("learning rate"),
                in.getDouble("momentum"), in.getDouble("beta1"), in.getDouble("beta2"), in.getDouble("epsilon"));
        int workers = in.getInt("workers");
        int mode = in.getByte("mode");
        if (mode >= SyncMode.values().length) {
            throw in.malformed("mode " + mode + " is not one of BSP (0), ASP (1)");
        }
        return new ModelInit(modelId, parameters, spec, workers, SyncMode.values()[mode]);
    }

    static final BinaryCodec<ModelInit> INIT = BinaryCodec.of(Messages::writeInit, Messages::readInit);

    static final BinaryCodec<PushRequest> PUSH = BinaryCodec.of(
            (out, m) -> out.putInt(m.worker()).putLong(m.round()).putFloats(m.gradient()),
            in -> new PushRequest(in.getInt("worker"), in.getLong("round"), in.getFloats("gradient")));

    static final BinaryCodec<PushReceipt> RECEIPT = BinaryCodec.of(
            (out, m) -> out.putBoolean(m.duplicate()).putLong(m.modelRound()),
            in -> new PushReceipt(in.getBoolean("duplicate"), in.getLong("model round")));

    static final BinaryCodec<PullRequest> PULL = BinaryCodec.of(
            (out, m) -> out.putLong(m.round()).putLong(m.waitMillis()),
            in -> new PullRequest(in.getLong("round"), in.getLong("wait millis")));

    static final BinaryCodec<PullReply> MODEL = BinaryCodec.of(
            (out, m) -> out.putBoolean(m.ready()).putLong(m.round()).putFloats(m.parameters()).putLong(m.heldMicros()),
            in -> new PullReply(in.getBoolean("ready"), in.getLong("round"), in.getFloats("parameters"),
                    in.getLong("held micros")));

    static final BinaryCodec<StatusRequest> STATUS_REQUEST = BinaryCodec.of((out, m) -> { }, in -> new StatusRequest());

    static final BinaryCodec<ServerStatus> STATUS = BinaryCodec.of(Messages::writeStatus, Messages::readStatus);

    private static void writeStatus(BinaryWriter out, ServerStatus s) {
        out.putBoolean(s.initialised()).putString(s.modelId()).putByte(s.mode() == null ? 255 : s.mode().ordinal())
                .putInt(s.workers()).putInt(s.parameterCount()).putLong(s.round()).putLong(s.updatesApplied())
                .putLong(s.pushesAccepted()).putLong(s.uptimeMillis()).putLong(s.busyMillis())
                .putLong(s.requestsServed()).putLong(s.journalForces());
    }

    private static ServerStatus readStatus(BinaryReader in) {
        boolean initialised = in.getBoolean("initialised");
        String modelId = in.getString("model id");
        int mode = in.getByte("mode");
        if (mode != 255 && mode >= SyncMode.values().length) {
            throw in.malformed("mode " + mode + " is not one of BSP (0), ASP (1)");
        }
        return new ServerStatus(initialised, modelId, mode == 255 ? null : SyncMode.values()[mode], in.getInt("workers"),
                in.getInt("parameter count"), in.getLong("round"), in.getLong("updates applied"),
                in.getLong("pushes accepted"), in.getLong("uptime millis"), in.getLong("busy millis"),
                in.getLong("requests served"), in.getLong("journal forces"));
    }
}
