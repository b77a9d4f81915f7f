package dev.cumulus.runtime.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.runtime.InvalidInvocationException;
import java.io.IOException;
import java.util.Base64;

/** Reading the JSON envelopes with errors that name the field and what was expected. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(byte[] json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new InvalidInvocationException("Invalid " + what + ": expected a JSON object, got "
                        + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInvocationException("Invalid " + what + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidInvocationException("Invalid " + what + ": unreadable (" + e.getMessage() + ")");
        }
    }

    static String text(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidInvocationException("Invalid " + what + ": field '" + field + "' "
                    + (value == null ? "is missing" : "is " + value + ", expected a string"));
        }
        return value.asText();
    }

    static int integer(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new InvalidInvocationException("Invalid " + what + ": field '" + field + "' "
                    + (value == null ? "is missing" : "is " + value + ", expected an integer"));
        }
        return value.asInt();
    }

    static byte[] base64(JsonNode node, String field, String what) {
        String text = text(node, field, what);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInvocationException("Invalid " + what + ": field '" + field
                    + "' is not base64 (" + e.getMessage() + ")");
        }
    }
}
