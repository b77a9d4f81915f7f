package dev.cumulus.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.Scaling;
import dev.cumulus.io.AtomicFiles;
import dev.cumulus.model.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The model file ({@code model.bin}), format version {@value #VERSION}, as docs/MODEL-FORMAT.md
 * describes it: a magic, the version, a JSON header saying what the model is (type and shape)
 * and where it came from (provenance), the parameters as little-endian float32, and a SHA-256 of
 * everything before it, so that a truncated or altered file is refused rather than misread.
 */
public final class ModelFile {
    /** Format version this build writes and reads. */
    public static final int VERSION = 2;
    static final byte[] MAGIC = "CUMULUSM".getBytes(StandardCharsets.US_ASCII);
    private static final int DIGEST_BYTES = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    /** A model and its provenance, as read from a file. */
    public record Contents(TrainedModel model, Provenance provenance) {
    }

    public static byte[] encode(TrainedModel model, Provenance provenance) {
        ObjectNode header = JSON.createObjectNode();
        header.set("model", JSON.valueToTree(model.spec()));
        header.put("features", model.features());
        header.put("classes", model.classes());
        header.put("parameters", model.parameters().length);
        header.set("scaling", JSON.valueToTree(model.scaling()));
        if (model.labels() != null) {
            ObjectNode labels = header.putObject("labels");
            labels.put("kind", model.labels().kind().name());
            labels.put("classes", model.labels().numClasses());
            labels.set("ranked", JSON.valueToTree(model.labels().rankedLabels()));
        }
        header.set("provenance", JSON.valueToTree(provenance));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int bodyLength = MAGIC.length + 8 + json.length + 4 * model.parameters().length;
        ByteBuffer buf = ByteBuffer.allocate(bodyLength + DIGEST_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(VERSION).putInt(json.length).put(json);
        buf.asFloatBuffer().put(model.parameters());
        buf.position(buf.position() + 4 * model.parameters().length);
        buf.put(sha256(buf.array(), bodyLength));
        return buf.array();
    }

    /** Writes the file with write-then-rename, so a crash never leaves half a model. */
    public static void write(Path file, TrainedModel model, Provenance provenance) throws IOException {
        AtomicFiles.write(file, encode(model, provenance));
    }

    /**
     * Reads a model file, or the {@code model.bin} of a run directory.
     *
     * @throws ModelFileException naming the file and what is wrong with it
     */
    public static Contents read(Path fileOrRunDir) {
        Path file = Files.isDirectory(fileOrRunDir) ? fileOrRunDir.resolve("model.bin") : fileOrRunDir;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, Files.isDirectory(fileOrRunDir)
                    ? "not a run directory (no model.bin)" : "no such file");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e.getMessage());
        }
        return decode(bytes, file);
    }

    static Contents decode(byte[] bytes, Path file) {
        if (bytes.length < MAGIC.length + 8 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ModelFileException(file, "not a Cumulus model file (it does not start with CUMULUSM)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).position(MAGIC.length);
        int version = buf.getInt();
        if (version != VERSION) {
            throw new ModelFileException(file, "format version " + version + "; this Cumulus reads version " + VERSION
                    + (version < VERSION ? " (retrain the model, or read it with the Cumulus that wrote it)" : " (upgrade Cumulus)"));
        }
        if (bytes.length < MAGIC.length + 8 + DIGEST_BYTES) {
            throw new ModelFileException(file, "truncated (" + bytes.length + " bytes)");
        }
        int bodyLength = bytes.length - DIGEST_BYTES;
        byte[] digest = Arrays.copyOfRange(bytes, bodyLength, bytes.length);
        if (!MessageDigest.isEqual(digest, sha256(bytes, bodyLength))) {
            throw new ModelFileException(file, "truncated or altered (its SHA-256 does not match its contents)");
        }
        int jsonLength = buf.getInt();
        if (jsonLength < 0 || jsonLength > bodyLength - buf.position()) {
            throw new ModelFileException(file, "header length " + jsonLength + " does not fit the file");
        }
        try {
            JsonNode header = JSON.readTree(new String(bytes, buf.position(), jsonLength, StandardCharsets.UTF_8));
            buf.position(buf.position() + jsonLength);
            int count = header.required("parameters").asInt();
            if ((long) count * 4 != bodyLength - buf.position()) {
                throw new ModelFileException(file, "declares " + count + " parameters but holds "
                        + (bodyLength - buf.position()) / 4);
            }
            float[] parameters = new float[count];
            buf.asFloatBuffer().get(parameters);
            JsonNode scaling = header.required("scaling");
            TrainedModel model = new TrainedModel(JSON.treeToValue(header.required("model"), ModelSpec.class),
                    header.required("features").asInt(), header.required("classes").asInt(), parameters,
                    scaling.isNull() ? null : JSON.treeToValue(scaling, Scaling.class), labels(header.path("labels")));
            return new Contents(model, JSON.treeToValue(header.required("provenance"), Provenance.class));
        } catch (IOException | IllegalArgumentException e) {
            if (e instanceof ModelFileException m) {
                throw m;
            }
            throw new ModelFileException(file, "its header cannot be read: " + e.getMessage());
        }
    }

    private static LabelMap labels(JsonNode node) throws IOException {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return LabelMap.of(LabelMap.Kind.valueOf(node.required("kind").asText()), node.required("classes").asInt(),
                JSON.treeToValue(node.required("ranked"), int[].class));
    }

    private static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(bytes, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
