package dev.cumulus.runtime.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.InvalidInvocationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The JSON event a {@link LambdaPlatform} sends and a {@link LambdaHandler} reads:
 * {@code {"cumulus":1, "function":"sum", "invocationId":"...", "memoryMb":1024, "timeoutSeconds":900,
 * "payload":"<base64>"}}.
 *
 * @param functionName registered name of the function to run
 * @param invocationId the caller's id for this invocation
 * @param limits requested memory and time limit
 * @param payload the function's input
 */
public record LambdaRequest(String functionName, String invocationId, FunctionLimits limits, byte[] payload) {

    /** The envelope format version this code writes and accepts. */
    public static final int VERSION = 1;

    private static final String WHAT = "Cumulus invocation event";

    /** The event as JSON bytes. */
    public byte[] toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("cumulus", VERSION);
        node.put("function", functionName);
        node.put("invocationId", invocationId);
        node.put("memoryMb", limits.memoryMb());
        node.put("timeoutSeconds", limits.timeoutSeconds());
        node.put("payload", Base64.getEncoder().encodeToString(payload));
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an event.
     *
     * @throws InvalidInvocationException naming the field that is missing or malformed
     */
    public static LambdaRequest parse(byte[] json) {
        JsonNode node = Json.parse(json, WHAT);
        int version = Json.integer(node, "cumulus", WHAT);
        if (version != VERSION) {
            throw new InvalidInvocationException("Invalid " + WHAT + ": field 'cumulus' is " + version
                    + ", expected " + VERSION);
        }
        return new LambdaRequest(Json.text(node, "function", WHAT), Json.text(node, "invocationId", WHAT),
                FunctionLimits.of(Json.integer(node, "memoryMb", WHAT), Json.integer(node, "timeoutSeconds", WHAT)),
                Json.base64(node, "payload", WHAT));
    }
}
