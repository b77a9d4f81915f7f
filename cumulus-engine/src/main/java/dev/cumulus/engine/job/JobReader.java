package dev.cumulus.engine.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.cumulus.config.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a job from YAML (with {@code --set} overrides) and validates it against a schema.
 *
 * <p>The YAML is walked token by token rather than bound to classes so that every value keeps
 * the line it came from: a bad value is reported as "job.yaml line 7: ...".
 */
public final class JobReader {
    private final JobSchema schema;

    public JobReader(JobSchema schema) {
        this.schema = schema;
    }

    /** A job file is a page of settings; anything this large is not one (and would stall the parser). */
    static final int MAX_BYTES = 1 << 20;
    /** Job files nest two or three levels; deeper is a mistake, not a job. */
    static final int MAX_DEPTH = 8;

    /** Reads and validates {@code file}, then applies {@code overrides} ("key.path=value"). */
    public Job read(Path file, List<String> overrides) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return read(readText(file, name), name, overrides);
    }

    /** Reads a job from YAML text; {@code name} is used in error messages. */
    public Job read(String yaml, String name, List<String> overrides) {
        List<Setting> settings = new ArrayList<>(parse(yaml, name));
        settings.addAll(overrides(overrides));
        return Job.fromSettings(schema, settings, name);
    }

    /**
     * The file as UTF-8 text, read with a bound so that a huge file or a device such as
     * {@code /dev/zero} is refused instead of filling the memory.
     */
    private static String readText(Path file, String name) {
        if (Files.isDirectory(file)) {
            throw new InvalidJobException(name + ": is a directory, not a job file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new InvalidJobException("job file not found: " + file);
        } catch (IOException e) {
            throw new InvalidJobException("cannot read job file " + file + ": " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidJobException(name + ": larger than " + (MAX_BYTES >> 10) + " KiB; not a job file");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidJobException(name + ": not a text file (a job file is UTF-8 YAML)");
        }
    }

    private static List<Setting> overrides(List<String> overrides) {
        List<Setting> out = new ArrayList<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new InvalidJobException("--set " + o + ": expected key.path=value");
            }
            out.add(new Setting(o.substring(0, eq).trim(), o.substring(eq + 1).trim(), "--set " + o.substring(0, eq).trim()));
        }
        return out;
    }

    private static List<Setting> parse(String yaml, String name) {
        List<Setting> out = new ArrayList<>();
        YAMLFactory factory = new YAMLFactory();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        try (JsonParser p = factory.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidJobException(name + ": the job file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidJobException(name + " line " + line(p) + ": expected a mapping of keys (such as 'workers: 4')");
            }
            walkObject(p, "", name, out, 1);
            if (p.nextToken() != null) {
                throw new InvalidJobException(name + " line " + line(p) + ": a second YAML document; "
                        + "a job file holds one (remove the '---' and what follows, or merge them)");
            }
        } catch (JsonProcessingException e) {
            // The parser's message spans lines (it quotes the offending text): one line for the user.
            throw new InvalidJobException(name + " line " + e.getLocation().getLineNr() + ": not valid YAML: "
                    + e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", "; "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void walkObject(JsonParser p, String prefix, String name, List<Setting> out, int depth)
            throws IOException {
        if (depth > MAX_DEPTH) {
            throw new InvalidJobException(name + " line " + line(p) + ": " + prefix + " is nested more than "
                    + MAX_DEPTH + " levels deep; job keys have at most three parts");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix.isEmpty() ? p.currentName() : prefix + "." + p.currentName();
            JsonToken t = p.nextToken();
            String origin = name + " line " + line(p);
            refuseAlias(p, origin, key);
            if (t == JsonToken.START_OBJECT) {
                walkObject(p, key, name, out, depth + 1);
            } else if (t == JsonToken.START_ARRAY) {
                List<Object> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        throw new InvalidJobException(origin + ": " + key + " must be a list of plain values");
                    }
                    refuseAlias(p, origin, key);
                    items.add(scalar(p, t));
                }
                out.add(new Setting(key, items, origin));
            } else {
                out.add(new Setting(key, scalar(p, t), origin));
            }
        }
    }

    /** An alias would otherwise read as the anchor's name, a different value than the one written. */
    private static void refuseAlias(JsonParser p, String origin, String key) {
        if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new InvalidJobException(origin + ": " + key + " uses a YAML alias (*name); write the value itself");
        }
    }

    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                return p.getText();
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
