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
 * @param originEpochMicros the run's start, the common origin of every timeline
 */
public record WorkerTask(String runId, int rank, Job job, int features, int classes, int minChunkRows,
        long originEpochMicros) {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                    ((Number) m.get("features")).intValue(), ((Number) m.get("classes")).intValue(),
                    ((Number) m.get("minChunkRows")).intValue(), ((Number) m.get("originEpochMicros")).longValue());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a valid worker task payload: " + e.getMessage(), e);
        }
    }
}
