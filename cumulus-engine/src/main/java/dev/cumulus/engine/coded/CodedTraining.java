package dev.cumulus.engine.coded;

import static dev.cumulus.config.Validator.any;
import static dev.cumulus.config.Validator.between;
import static dev.cumulus.config.Validator.oneOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.coding.round.Strategy;
import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.data.chunk.Partitioner;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.job.ProtocolSettings;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.protocol.Collected;
import dev.cumulus.engine.protocol.Launch;
import dev.cumulus.engine.protocol.Protocol;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RoleSpec;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.RunSetup;
import dev.cumulus.engine.protocol.WorkerOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient-coded training that uses partial stragglers (NeurIPS 2024), and its baselines in the
 * same protocol: a coordinator function and N workers. Chunks are assigned redundantly; workers
 * process theirs in a public order and report progress as each finishes; the coordinator, driven
 * by the same decision object as {@code cumulus simulate gc}, broadcasts "encode and transmit" with
 * the state vector; each worker derives its coefficients from that vector alone and sends one
 * encoded vector of d / l floats; the coordinator decodes the gradient and updates the model.
 */
public final class CodedTraining implements Protocol {
    static final String WORKER = "worker";
    static final String COORDINATOR = "coordinator";
    static final String MIN_CHUNK_ROWS = "minChunkRows";
    static final ObjectMapper JSON = new ObjectMapper();

    static final ConfigKey STRATEGY = new ConfigKey("coded.strategy", ValueType.STRING, CodedSettings.PARTIAL_WORK,
            oneOf(CodedSettings.PARTIAL_WORK, CodedSettings.WHOLE_WORKERS, CodedSettings.CYCLIC_REPETITION,
                    CodedSettings.FRACTIONAL_REPETITION, CodedSettings.WAIT_FOR_ALL, CodedSettings.IGNORE_STRAGGLERS),
            "coded: partial-work (the partial-straggler code: every finished chunk counts), whole-workers (classic "
                    + "gradient coding on the same assignment: only finished workers count), cyclic-repetition or "
                    + "fractional-repetition (Tandon et al.), wait-for-all or ignore-stragglers (uncoded).");
    static final ConfigKey ASSIGNMENT = new ConfigKey("coded.assignment", ValueType.STRING, "cyclic",
            oneOf("cyclic", "fractional-repetition", "random-regular"),
            "coded, partial-work and whole-workers: which chunks each worker holds.");
    static final ConfigKey LOAD = new ConfigKey("coded.load", ValueType.INT, 2, between(1, 1000),
            "coded: chunks per worker (the coded strategies tolerate load - 1 whole stragglers).");
    static final ConfigKey PARTS = new ConfigKey("coded.parts", ValueType.INT, 1, between(1, 1000),
            "coded, partial-work and whole-workers: l, the parts each gradient is split into; each worker sends "
                    + "d / l floats (l must be below the load).");
    static final ConfigKey ORDER = new ConfigKey("coded.order", ValueType.STRING, "natural",
            oneOf("natural", "optimal", "random"), "coded: the public order in which a worker processes its chunks.");
    static final ConfigKey DEADLINE = new ConfigKey("coded.deadlineMillis", ValueType.LONG, 0L, between(0, 3.6e6),
            "coded: approximate mode's deadline per round in milliseconds (the round decodes what it has then); "
                    + "0 for exact mode. ignore-stragglers needs one.");
    static final ConfigKey VERIFY = new ConfigKey("coded.verify", ValueType.BOOLEAN, false, any(),
            "coded: the coordinator also computes every round's gradient directly and reports the decode error "
                    + "(reads every chunk: for tests).");

    @Override
    public String name() {
        return "coded";
    }

    @Override
    public String description() {
        return "gradient-coded SGD using partial stragglers, and its baselines (a coordinator and N workers).";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(STRATEGY, ASSIGNMENT, LOAD, PARTS, ORDER, DEADLINE, VERIFY);
    }

    @Override
    public ProtocolSettings bind(Job job, List<String> warnings) {
        CodedSettings s = new CodedSettings(job.string(STRATEGY.name()), job.string(ASSIGNMENT.name()),
                job.integer(LOAD.name()), job.integer(PARTS.name()), job.string(ORDER.name()),
                job.longValue(DEADLINE.name()), (Boolean) job.value(VERIFY.name()));
        int workers = job.integer("workers");
        boolean uncoded = s.strategy().equals(CodedSettings.WAIT_FOR_ALL) || s.strategy().equals(CodedSettings.IGNORE_STRAGGLERS);
        if (s.strategy().equals(CodedSettings.IGNORE_STRAGGLERS) && s.exact()) {
            throw job.invalid(DEADLINE.name(), "ignore-stragglers drops what is late at a deadline: give coded.deadlineMillis");
        }
        if (s.strategy().equals(CodedSettings.WAIT_FOR_ALL) && !s.exact()) {
            throw job.invalid(DEADLINE.name(), "wait-for-all waits for every worker; use ignore-stragglers for a deadline");
        }
        if (uncoded) {
            job.warnIfSet(LOAD.name(), "the uncoded strategies give each worker one chunk", warnings);
        }
        if (!s.strategy().equals(CodedSettings.PARTIAL_WORK) && !s.strategy().equals(CodedSettings.WHOLE_WORKERS)) {
            job.warnIfSet(ASSIGNMENT.name(), "the " + s.strategy() + " strategy fixes its own assignment", warnings);
            job.warnIfSet(PARTS.name(), "the " + s.strategy() + " strategy sends whole gradients (l = 1)", warnings);
            job.warnIfSet(ORDER.name(), "the " + s.strategy() + " strategy processes chunks in its own order", warnings);
        } else if (s.parts() >= s.load()) {
            throw job.invalid(PARTS.name(), "below coded.load (" + s.load() + "): l parts need l + 1 holders' work");
        }
        if (!uncoded && s.load() > workers) {
            throw job.invalid(LOAD.name(), "at most workers (" + workers + ")");
        }
        if (!job.string("model.type").equals("logistic") && !job.string("model.type").equals("svm")
                && !job.string("model.type").equals("softmax") && !job.string("model.type").equals("mlp")) {
            throw job.invalid("model.type", "a model trained by gradients (coded training decodes gradients)");
        }
        try {
            CodedScheme.strategy(s, workers, job.longValue("seed"));
        } catch (IllegalArgumentException e) {
            throw job.invalid(STRATEGY.name(), e.getMessage());
        }
        return s;
    }

    @Override
    public Class<? extends ProtocolSettings> settingsType() {
        return CodedSettings.class;
    }

    @Override
    public Launch launch(RunSetup run) {
        CodedSettings settings = run.job().settings(CodedSettings.class);
        int workers = run.job().workers();
        Strategy strategy = CodedScheme.strategy(settings, workers, run.job().seed());
        int chunks = strategy.assignment().chunks();
        List<Dataset> parts = Partitioner.shuffled(chunks, run.job().seed()).split(run.train());
        int minRows = parts.stream().mapToInt(Dataset::rows).min().orElseThrow();
        if (minRows == 0) {
            throw new IllegalArgumentException("workers: " + chunks + " chunks for only " + run.train().rows()
                    + " training rows; every chunk needs at least one row");
        }
        for (int c = 0; c < chunks; c++) {
            run.channel().put(run.keys().chunk(c), ChunkCodec.encode(parts.get(c)));
        }
        run.log().accept("staged " + chunks + " chunks for " + workers + " workers (" + strategy + ")");
        List<RoleSpec> roles = new ArrayList<>(Launch.ranks(WORKER, workers));
        roles.add(new RoleSpec(COORDINATOR, 0));
        return new Launch(roles, Map.of(MIN_CHUNK_ROWS, (long) minRows));
    }

    @Override
    public WorkerOutcome run(RoleContext context) {
        return context.task().role().role().equals(COORDINATOR) ? new Coordinator(context).run()
                : new CodedWorker(context).run();
    }

    @Override
    public Collected collect(RunSetup run) {
        RunKeys keys = run.keys();
        float[] parameters = FloatCodec.decode(run.channel().await(keys.model(), Duration.ofSeconds(10)));
        List<EpochRecord> curve = EpochRecord.fromCsv(new String(run.channel().get(keys.curve()).orElseThrow(),
                StandardCharsets.UTF_8));
        List<?> rounds;
        try {
            rounds = JSON.readValue(run.channel().get(reportKey(keys)).orElseThrow(), List.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("strategy", CodedScheme.strategy(run.job().settings(CodedSettings.class), run.job().workers(),
                run.job().seed()).toString());
        report.put("rounds", rounds);
        return new Collected(parameters, curve, Map.of(), report);
    }

    static String reportKey(RunKeys keys) {
        return keys.prefix() + "coded/report";
    }
}
