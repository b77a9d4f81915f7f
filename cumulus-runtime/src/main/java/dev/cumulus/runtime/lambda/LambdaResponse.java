package dev.cumulus.runtime.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cumulus.runtime.InvalidInvocationException;
import dev.cumulus.runtime.InvocationStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The JSON a {@link LambdaHandler} returns for a handled invocation:
 * {@code {"status":"OK", "output":"<base64>", "error":"", "invoked":["id", ...], "coldStart":true,
 * "initMillis":812.5, "durationMillis":15.2}}. A function that throws is not answered with this: the
 * handler rethrows so that Lambda reports a function error, as it does for any failed function.
 *
 * @param status OK or INVALID_REQUEST
 * @param output the function's output
 * @param error what was wrong with the request, empty when OK
 * @param invokedIds ids of invocations the function started
 * @param coldStart whether this was the sandbox's first invocation
 * @param initMillis time from JVM start to the first invocation, when cold
 * @param durationMillis time the function ran
 */
public record LambdaResponse(InvocationStatus status, byte[] output, String error, List<String> invokedIds,
        boolean coldStart, double initMillis, double durationMillis) {

    private static final String WHAT = "Cumulus handler response";

    public LambdaResponse {
        invokedIds = List.copyOf(invokedIds);
    }

    /** The response as JSON bytes. */
    public byte[] toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("status", status.name());
        node.put("output", Base64.getEncoder().encodeToString(output));
        node.put("error", error);
        ArrayNode ids = node.putArray("invoked");
        invokedIds.forEach(ids::add);
        node.put("coldStart", coldStart);
        node.put("initMillis", initMillis);
        node.put("durationMillis", durationMillis);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a response.
     *
     * @throws InvalidInvocationException naming the field that is missing or malformed
     */
    public static LambdaResponse parse(byte[] json) {
        JsonNode node = Json.parse(json, WHAT);
        String statusText = Json.text(node, "status", WHAT);
        InvocationStatus status;
        try {
            status = InvocationStatus.valueOf(statusText);
        } catch (IllegalArgumentException e) {
            throw new InvalidInvocationException("Invalid " + WHAT + ": field 'status' is '" + statusText
                    + "', expected one of " + java.util.Arrays.toString(InvocationStatus.values()));
        }
        List<String> ids = new ArrayList<>();
        JsonNode invoked = node.path("invoked");
        invoked.forEach(id -> ids.add(id.asText()));
        return new LambdaResponse(status, Json.base64(node, "output", WHAT), node.path("error").asText(""), ids,
                node.path("coldStart").asBoolean(false), node.path("initMillis").asDouble(0),
                node.path("durationMillis").asDouble(0));
    }
}
