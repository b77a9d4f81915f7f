package dev.cumulus.cli.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cumulus.cli.output.FileModes;
import dev.cumulus.io.AtomicFiles;
import dev.cumulus.sim.cost.Calibration;
import dev.cumulus.sim.cost.InvalidParameterException;
import dev.cumulus.sim.cost.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code calibration.json}: a {@link Calibration} as JSON, with units in every field's name. */
public final class CalibrationFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CalibrationFile() {
    }

    public static void write(Path file, Calibration c) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("runId", c.runId());
        root.put("workers", c.workers());
        root.put("store", c.store().label());
        root.put("platform", c.platformType());
        root.put("hostCores", c.hostCores());
        root.put("rounds", c.rounds());
        root.put("computeSecondsPerRow", c.computeSecondsPerRow());
        root.put("startupSeconds", c.startupSeconds());
        root.put("loadBytesPerSecond", c.loadBytesPerSecond());
        root.put("channelLatencySeconds", c.channelLatencySeconds());
        root.put("channelBytesPerSecond", c.channelBytesPerSecond());
        root.put("driverSeconds", c.driverSeconds());
        if (c.parameterServer()) {
            root.put("serverLatencySeconds", c.serverLatencySeconds());
        } else {
            root.putNull("serverLatencySeconds"); // the run exchanged through its store
        }
        ObjectNode measured = root.putObject("measured");
        measured.put("wallSeconds", c.measuredWallSeconds());
        measured.put("computeSecondsPerRound", c.measuredComputeSecondsPerRound());
        measured.put("communicationSecondsPerRound", c.measuredCommunicationSecondsPerRound());
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
        FileModes.readableByAll(file);
    }

    /**
     * Reads a calibration.
     *
     * @throws InvalidParameterException naming the file and field if one is missing, not a number or out of range
     */
    public static Calibration read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Malformed " + file + ": " + e.getOriginalMessage(), e);
        }
        try {
            JsonNode measured = root.path("measured");
            return new Calibration(root.path("runId").asText(""), (int) number(root, "workers", file),
                    Store.of(text(root, "store", file)), text(root, "platform", file),
                    (int) number(root, "hostCores", file), (long) number(root, "rounds", file),
                    number(root, "computeSecondsPerRow", file), number(root, "startupSeconds", file),
                    number(root, "loadBytesPerSecond", file), number(root, "channelLatencySeconds", file),
                    number(root, "channelBytesPerSecond", file), number(root, "driverSeconds", file),
                    number(measured, "wallSeconds", file), number(measured, "computeSecondsPerRound", file),
                    number(measured, "communicationSecondsPerRound", file), numberOrNull(root, "serverLatencySeconds", file));
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(e.field(), file + ": " + e.getMessage());
        }
    }

    private static double number(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidParameterException(field, file + ": missing field " + field);
        }
        if (!value.isNumber()) {
            throw new InvalidParameterException(field, file + ": invalid value " + value + " for " + field
                    + ": expected a number");
        }
        return value.asDouble();
    }

    /** A required field that may be null (NaN): present, and a number if not null. */
    private static double numberOrNull(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new InvalidParameterException(field, file + ": missing field " + field
                    + " (a number, or null for a run without a parameter server)");
        }
        return value.isNull() ? Double.NaN : number(node, field, file);
    }

    private static String text(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidParameterException(field, file + ": missing or non-text field " + field);
        }
        return value.asText();
    }
}
