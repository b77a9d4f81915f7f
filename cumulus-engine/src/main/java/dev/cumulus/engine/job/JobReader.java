package dev.cumulus.engine.job;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** Reads and validates {@code file}, then applies {@code overrides} ("key.path=value"). */
    public Job read(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidJobException("job file not found: " + file);
        } catch (IOException e) {
            throw new InvalidJobException("cannot read job file " + file + ": " + e.getMessage());
        }
        return read(text, file.getFileName().toString(), overrides);
    }

    /** Reads a job from YAML text; {@code name} is used in error messages. */
    public Job read(String yaml, String name, List<String> overrides) {
        List<Setting> settings = new ArrayList<>(parse(yaml, name));
        settings.addAll(overrides(overrides));
        return Job.fromSettings(schema, settings);
    }

    /** A job from nested maps, as {@link Job#nested()} produces (used for worker payloads). */
    public Job fromNested(Map<String, Object> nested) {
        List<Setting> settings = new ArrayList<>();
        flattenMap("", nested, settings);
        return Job.fromSettings(schema, settings);
    }

    private static void flattenMap(String prefix, Map<?, ?> map, List<Setting> out) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k.toString() : prefix + "." + k;
            if (v instanceof Map<?, ?> m) {
                flattenMap(key, m, out);
            } else {
                out.add(new Setting(key, v, "payload"));
            }
        });
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
            walkObject(p, "", name, out);
        } catch (JsonProcessingException e) {
            throw new InvalidJobException(name + " line " + e.getLocation().getLineNr() + ": not valid YAML: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void walkObject(JsonParser p, String prefix, String name, List<Setting> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix.isEmpty() ? p.currentName() : prefix + "." + p.currentName();
            JsonToken t = p.nextToken();
            String origin = name + " line " + line(p);
            if (t == JsonToken.START_OBJECT) {
                walkObject(p, key, name, out);
            } else if (t == JsonToken.START_ARRAY) {
                List<Object> items = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        throw new InvalidJobException(origin + ": " + key + " must be a list of plain values");
                    }
                    items.add(scalar(p, t));
                }
                out.add(new Setting(key, items, origin));
            } else {
                out.add(new Setting(key, scalar(p, t), origin));
            }
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
