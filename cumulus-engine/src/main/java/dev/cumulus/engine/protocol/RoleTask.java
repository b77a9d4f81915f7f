package dev.cumulus.engine.protocol;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cumulus.data.source.DataSpec;
import dev.cumulus.engine.job.JobSpec;
import dev.cumulus.engine.job.StragglerSpec;
import dev.cumulus.engine.job.TrainingSpec;
import dev.cumulus.model.ModelSpec;
import dev.cumulus.runtime.platform.PlatformSpec;
import java.io.IOException;
import java.util.Map;

/**
 * Everything one function needs, carried in its invocation payload: the bound job, which role it
 * plays, and the run's common facts.
 *
 * @param index the function's position among the run's functions, unique in the run (its timeline row)
 * @param channelUri the channel this function opens (its role's own, or the run's)
 * @param features columns of the data (a chunk alone may not reveal it for sparse data)
 * @param classes number of classes of the whole dataset (a chunk may miss some)
 * @param attributes the protocol's launch attributes, the same for every function
 * @param originEpochMicros the run's start, the common origin of every timeline
 * @param invokedEpochMicros when this invocation was requested: start-up time is measured from it
 * @param resume whether to continue from a checkpoint (a successor or a restarted function)
 */
public record RoleTask(String runId, RoleSpec role, int index, JobSpec job, String channelUri, int features,
        int classes, Map<String, Long> attributes, long originEpochMicros, long invokedEpochMicros, boolean resume) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Long>> LONGS = new TypeReference<>() { };

    public RoleTask {
        attributes = Map.copyOf(attributes);
    }

    /** The same task for a successor or a restart, requested now. */
    public RoleTask resumed(long nowEpochMicros) {
        return new RoleTask(runId, role, index, job, channelUri, features, classes, attributes, originEpochMicros,
                nowEpochMicros, true);
    }

    public RunKeys keys() {
        return new RunKeys(runId);
    }

    public int rank() {
        return role.rank();
    }

    /** A launch attribute the protocol set; a missing one is a bug in the protocol, not bad input. */
    public long attribute(String name) {
        Long value = attributes.get(name);
        if (value == null) {
            throw new IllegalStateException("launch attribute " + name + " was not set; have " + attributes.keySet());
        }
        return value;
    }

    /**
     * Encodes and decodes a task of {@code job} on a daemon thread, so that the mapper has built
     * its serialisers and deserialisers for the job's records before the first invocation: done
     * cold, on the run's critical path, the first encoding took 27-60 ms and each function's
     * decoding 20-35 ms more, in a run whose functions trained for 0.22 s (docs/bench/peers.md).
     * A job that cannot be encoded fails here quietly and again, with its error, at the invocation.
     */
    public static void warmUp(JobSpec job) {
        Thread thread = new Thread(() -> {
            try {
                decode(new RoleTask("warm-up", new RoleSpec("worker", 0, null, false), 0, job, job.channel(), 1, 2,
                        Map.of(), 0, 0, false).encode());
            } catch (RuntimeException ignored) {
                // only a head start is lost
            }
        }, "cumulus-payload-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** The payload bytes (JSON) for a function invocation. */
    public byte[] encode() {
        ObjectNode root = JSON.valueToTree(Map.of("runId", runId, "index", index, "channel", channelUri,
                "features", features, "classes", classes, "originEpochMicros", originEpochMicros,
                "invokedEpochMicros", invokedEpochMicros, "resume", resume));
        root.set("role", JSON.valueToTree(role));
        root.set("attributes", JSON.valueToTree(attributes));
        ObjectNode spec = root.putObject("job");
        spec.set("data", JSON.valueToTree(job.data()));
        spec.set("model", JSON.valueToTree(job.model()));
        spec.put("standardize", job.standardize());
        spec.set("training", JSON.valueToTree(job.training()));
        spec.put("workers", job.workers());
        spec.put("seed", job.seed());
        spec.put("channel", job.channel());
        spec.set("platform", JSON.valueToTree(job.platform()));
        spec.set("stragglers", JSON.valueToTree(job.stragglers()));
        spec.put("protocol", job.protocol());
        spec.set("settings", JSON.valueToTree(job.settings()));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a payload made by {@link #encode()}; a malformed payload is an IllegalArgumentException. */
    public static RoleTask decode(byte[] payload) {
        try {
            JsonNode root = JSON.readTree(payload);
            JsonNode spec = root.required("job");
            Protocol protocol = Protocols.named(spec.required("protocol").asText());
            JobSpec job = new JobSpec(JSON.treeToValue(spec.required("data"), DataSpec.class),
                    JSON.treeToValue(spec.required("model"), ModelSpec.class), spec.required("standardize").asBoolean(),
                    JSON.treeToValue(spec.required("training"), TrainingSpec.class),
                    spec.required("workers").asInt(), spec.required("seed").asLong(),
                    spec.required("channel").asText(),
                    JSON.treeToValue(spec.required("platform"), PlatformSpec.class),
                    JSON.treeToValue(spec.required("stragglers"), StragglerSpec.class), protocol.name(),
                    JSON.treeToValue(spec.required("settings"), protocol.settingsType()));
            return new RoleTask(root.required("runId").asText(), JSON.treeToValue(root.required("role"), RoleSpec.class),
                    root.required("index").asInt(), job, root.required("channel").asText(),
                    root.required("features").asInt(), root.required("classes").asInt(),
                    JSON.convertValue(root.required("attributes"), LONGS),
                    root.required("originEpochMicros").asLong(), root.required("invokedEpochMicros").asLong(),
                    root.required("resume").asBoolean());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid function task payload: " + e.getMessage(), e);
        }
    }
}
