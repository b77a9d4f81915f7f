package dev.cumulus.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.job.JobReader;
import dev.cumulus.engine.job.JobSchema;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one worker function needs, carried in its invocation payload.
 *
 * @param features columns of the data (a chunk alone may not reveal it for sparse data)
 * @param classes number of classes of the whole dataset (a chunk may miss some)
 * @param minChunkRows rows of the smallest chunk, so every worker takes the same steps per epoch
 * @param channelUri the channel every worker of the run opens (a private {@code memory:} is
 *     replaced by a named store, so workers of one JVM meet)
 * @param originEpochMicros the run's start, the common origin of every timeline
 * @param invokedEpochMicros when this invocation was requested: start-up time is measured from it
 * @param resume whether to continue from the run's checkpoint (a successor or a restarted worker)
 */
public record WorkerTask(String runId, int rank, Job job, String channelUri, int features, int classes,
        int minChunkRows, long originEpochMicros, long invokedEpochMicros, boolean resume) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The same task for a successor or a restart, requested now. */
    public WorkerTask resumed(long nowEpochMicros) {
        return new WorkerTask(runId, rank, job, channelUri, features, classes, minChunkRows, originEpochMicros,
                nowEpochMicros, true);
    }

    public RunKeys keys() {
        return new RunKeys(runId);
    }

    public int workers() {
        return job.integer("workers");
    }

    /** The payload bytes (JSON) for a function invocation. */
    public byte[] encode() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", runId);
        m.put("rank", rank);
        m.put("channel", channelUri);
        m.put("invokedEpochMicros", invokedEpochMicros);
        m.put("resume", resume);
        m.put("features", features);
        m.put("classes", classes);
        m.put("minChunkRows", minChunkRows);
        m.put("originEpochMicros", originEpochMicros);
        m.put("job", job.nested());
        try {
            return JSON.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a payload made by {@link #encode()}; a malformed payload is an IllegalArgumentException. */
    @SuppressWarnings("unchecked")
    public static WorkerTask decode(byte[] payload) {
        try {
            Map<String, Object> m = JSON.readValue(payload, Map.class);
            Job job = new JobReader(JobSchema.STANDARD).fromNested((Map<String, Object>) m.get("job"));
            return new WorkerTask((String) m.get("runId"), ((Number) m.get("rank")).intValue(), job,
                    (String) m.get("channel"), ((Number) m.get("features")).intValue(),
                    ((Number) m.get("classes")).intValue(), ((Number) m.get("minChunkRows")).intValue(),
                    ((Number) m.get("originEpochMicros")).longValue(),
                    ((Number) m.get("invokedEpochMicros")).longValue(), (Boolean) m.get("resume"));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid worker task payload: " + e.getMessage(), e);
        }
    }
}
