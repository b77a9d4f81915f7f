package dev.cumulus.cli.protocol;

import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.Validator;
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
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.protocol.RunSetup;
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A protocol that exists only in test code: N workers each put the full gradient of the zero
 * model on their chunk (times its rows); a coordinator sums them and takes one gradient step.
 * Two roles, staging, launch attributes and collection, with nothing of it known to the engine.
 */
final class OneStepProtocol implements Protocol {
    static final String NAME = "one-step";
    static final ConfigKey STEP = new ConfigKey("onestep.stepSize", ValueType.DOUBLE, 1.0, Validator.greaterThan(0),
            "one-step: the size of the single gradient step.");

    record Settings(double stepSize) implements ProtocolSettings {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "a test protocol: one averaged gradient step.";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(STEP);
    }

    @Override
    public ProtocolSettings bind(Job job, List<String> warnings) {
        return new Settings(job.decimal(STEP.name()));
    }

    @Override
    public Class<? extends ProtocolSettings> settingsType() {
        return Settings.class;
    }

    @Override
    public Launch launch(RunSetup run) {
        int n = run.job().workers();
        List<Dataset> chunks = Partitioner.shuffled(n, run.job().seed()).split(run.train());
        for (int r = 0; r < n; r++) {
            run.channel().put(run.keys().chunk(r), ChunkCodec.encode(chunks.get(r)));
        }
        List<RoleSpec> roles = new ArrayList<>(Launch.ranks("worker", n));
        roles.add(new RoleSpec("coordinator", 0));
        return new Launch(roles, Map.of("rows", (long) run.train().rows()));
    }

    @Override
    public WorkerOutcome run(RoleContext context) {
        RoleTask task = context.task();
        Model model = Models.create(task.job().model(), task.features(), task.classes());
        Duration wait = Duration.ofSeconds(30);
        if (task.role().role().equals("worker")) {
            Dataset chunk = ChunkCodec.decode(context.channel().await(task.keys().chunk(task.rank()), wait));
            float[] gradient = new float[model.parameterCount()];
            model.lossAndGradient(new float[model.parameterCount()], chunk,
                    IntStream.range(0, chunk.rows()).toArray(), gradient);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= chunk.rows();
            }
            context.channel().put(task.keys().prefix() + "gradient/" + task.rank(), FloatCodec.encode(gradient));
            return WorkerOutcome.FINISHED;
        }
        double step = task.job().settings(Settings.class).stepSize();
        float[] w = new float[model.parameterCount()];
        for (int r = 0; r < task.job().workers(); r++) {
            float[] g = FloatCodec.decode(context.channel().await(task.keys().prefix() + "gradient/" + r, wait));
            for (int i = 0; i < w.length; i++) {
                w[i] -= (float) (step * g[i] / task.attribute("rows"));
            }
        }
        context.channel().put(task.keys().model(), FloatCodec.encode(w));
        return WorkerOutcome.FINISHED;
    }

    @Override
    public Collected collect(RunSetup run) {
        float[] w = FloatCodec.decode(run.channel().get(run.keys().model()).orElseThrow());
        return new Collected(w, List.of(new EpochRecord(1, run.job().model().l2(), 0)));
    }
}
