package dev.cumulus.engine.protocol;

import static dev.cumulus.config.Validator.oneOf;

import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import dev.cumulus.engine.job.InvalidJobException;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.job.JobReader;
import dev.cumulus.engine.job.JobSchema;
import dev.cumulus.engine.job.JobSpec;
import dev.cumulus.engine.job.ProtocolSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The registered protocols, and the job schema they compose with the common sections.
 *
 * <p>A protocol registers itself with one line in
 * {@code META-INF/services/dev.cumulus.engine.protocol.Protocol}, so that the driver, a function
 * process and a Lambda handler all find the same protocols on their class path; tests may also
 * {@link #register} one.
 */
public final class Protocols {
    private static final Map<String, Protocol> REGISTERED = new LinkedHashMap<>();

    static {
        for (Protocol p : ServiceLoader.load(Protocol.class, Protocols.class.getClassLoader())) {
            REGISTERED.put(p.name(), p);
        }
    }

    private Protocols() {
    }

    /** Adds a protocol at run time, as a test does; a name taken already is refused. */
    public static synchronized void register(Protocol protocol) {
        Protocol previous = REGISTERED.putIfAbsent(protocol.name(), protocol);
        if (previous != null && previous != protocol) {
            throw new IllegalArgumentException("a protocol named " + protocol.name() + " is registered already");
        }
    }

    public static synchronized List<Protocol> all() {
        return List.copyOf(REGISTERED.values());
    }

    /** The protocol a job names; an unknown name lists the registered ones. */
    public static synchronized Protocol named(String name) {
        Protocol p = REGISTERED.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no protocol named '" + name + "'; registered: " + REGISTERED.keySet());
        }
        return p;
    }

    /** Every key a job may set: the common sections, then each protocol's own keys. */
    public static JobSchema schema() {
        List<Protocol> protocols = all();
        String described = protocols.stream().map(p -> "`" + p.name() + "`: " + p.description())
                .collect(Collectors.joining(" "));
        ConfigKey protocolKey = new ConfigKey(JobSpec.PROTOCOL, ValueType.STRING, "lambdaml",
                oneOf(protocols.stream().map(Protocol::name).toArray(String[]::new)),
                "Protocol family. " + described);
        List<ConfigKey> keys = new ArrayList<>(JobSpec.commonKeys(protocolKey));
        protocols.forEach(p -> keys.addAll(p.keys()));
        return new JobSchema(keys);
    }

    /** Reads, validates and binds a job file with {@code --set} overrides. */
    public static BoundJob read(Path file, List<String> overrides) {
        return bind(new JobReader(schema()).read(file, overrides));
    }

    /** Reads, validates and binds a job from YAML text ({@code name} is used in errors). */
    public static BoundJob read(String yaml, String name, List<String> overrides) {
        return bind(new JobReader(schema()).read(yaml, name, overrides));
    }

    /** Binds a validated job: the common sections, then the protocol's own. */
    public static BoundJob bind(Job job) {
        List<String> warnings = new ArrayList<>();
        Protocol protocol = named(job.string(JobSpec.PROTOCOL));
        for (Protocol other : all()) {
            if (other != protocol) {
                for (ConfigKey k : other.keys()) {
                    job.warnIfSet(k.name(), "it belongs to protocol " + other.name() + ", not " + protocol.name(), warnings);
                }
            }
        }
        ProtocolSettings settings = protocol.bind(job, warnings);
        if (!protocol.settingsType().isInstance(settings)) {
            throw new InvalidJobException("protocol " + protocol.name() + " bound its settings to the wrong type");
        }
        return new BoundJob(job, JobSpec.bind(job, settings, warnings), warnings);
    }
}
