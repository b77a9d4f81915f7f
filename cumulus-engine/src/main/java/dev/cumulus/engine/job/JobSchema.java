package dev.cumulus.engine.job;


import dev.cumulus.config.ConfigKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key a job file may set, composed from the declarations of the parts that own them (the
 * data sources, models, channels, platforms and each protocol; see
 * {@code dev.cumulus.engine.protocol.Protocols#schema}).
 *
 * <p>Validation, defaults and the reference documentation ({@code docs/JOB.md}) all come from
 * these declarations, so they cannot drift apart.
 */
public final class JobSchema {

    private final Map<String, ConfigKey> keys;

    public JobSchema(List<ConfigKey> keys) {
        Map<String, ConfigKey> byName = new LinkedHashMap<>();
        for (ConfigKey k : keys) {
            if (byName.put(k.name(), k) != null) {
                throw new IllegalArgumentException("key declared twice: " + k.name());
            }
        }
        this.keys = Collections.unmodifiableMap(byName);
    }

    public List<ConfigKey> keys() {
        return List.copyOf(keys.values());
    }

    public Optional<ConfigKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** Whether {@code prefix} names a section (such as {@code dataset}) rather than a key. */
    public boolean isSection(String prefix) {
        return keys.keySet().stream().anyMatch(k -> k.startsWith(prefix + "."));
    }

    /** The declared key closest in spelling to an unknown one, for "did you mean" hints. */
    public Optional<String> closest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : keys.keySet()) {
            int d = editDistance(unknown.toLowerCase(), name.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return bestDistance <= Math.max(2, unknown.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** The reference documentation, generated from the declaration (this is docs/JOB.md). */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Job file reference\n\n")
                .append("<!-- Generated from the key declarations by `cumulus job-doc`; ")
                .append("do not edit by hand. -->\n\n")
                .append("A job is a YAML file; nested sections map to the dotted keys below ")
                .append("(`algorithm: { learningRate: 0.05 }` sets `algorithm.learningRate`). ")
                .append("Any key can be overridden on the command line with `--set key=value`. ")
                .append("An unknown key is an error, so a typo never trains a different job.\n");
        Map<String, List<ConfigKey>> sections = new LinkedHashMap<>();
        for (ConfigKey k : keys.values()) {
            sections.computeIfAbsent(k.section(), name -> new ArrayList<>()).add(k);
        }
        sections.forEach((section, sectionKeys) -> {
            md.append("\n## `").append(section).append("`\n\n")
                    .append("| key | type | default | valid values | meaning |\n")
                    .append("| --- | --- | --- | --- | --- |\n");
            for (ConfigKey k : sectionKeys) {
                String valid = k.validator().describe();
                md.append("| `").append(k.name()).append("` | ").append(k.type().expected())
                        .append(" | ").append(k.defaultValue() == null ? "unset" : "`" + k.defaultValue() + "`")
                        .append(" | ").append(valid.isEmpty() ? "any" : valid)
                        .append(" | ").append(k.doc()).append(" |\n");
            }
        });
        return md.toString();
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Names of every key, in declaration order. */
    public List<String> names() {
        return new ArrayList<>(keys.keySet());
    }
}
