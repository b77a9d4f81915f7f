package dev.cumulus.engine;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.engine.lambdaml.AspWorker;
import dev.cumulus.engine.lambdaml.GaSgdWorker;
import dev.cumulus.engine.lambdaml.KMeansWorker;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker function of a training run, as a FaaS platform invokes it: decodes its task, opens
 * the run's channel, trains, records its timeline in the channel, and either marks its rank done
 * or checkpoints and invokes its successor before the time limit.
 */
public final class TrainingFunction implements WorkerFunction {
    /** The name under which the platforms know this function. */
    public static final String NAME = "cumulus-train";

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) {
        long startedMicros = Timeline.nowEpochMicros();
        WorkerTask task = WorkerTask.decode(payload);
        RunKeys keys = task.keys();
        Timeline timeline = new Timeline(task.rank(), task.originEpochMicros());
        timeline.record(Phase.STARTUP, task.invokedEpochMicros(), startedMicros);
        try (Channel channel = Channels.open(task.channelUri());
             Heartbeat heartbeat = new Heartbeat(channel, keys.heartbeat(task.rank()))) {
            HandoffPolicy handoff = new HandoffPolicy(context::remainingMillis);
            WorkerOutcome outcome;
            if (task.job().string("algorithm.type").equals("kmeans")) {
                outcome = new KMeansWorker(task, channel, timeline).run(handoff);
            } else if (task.job().string("sync").equals("asp")) {
                outcome = new AspWorker(task, channel, timeline).run(handoff);
            } else {
                outcome = new GaSgdWorker(task, channel, timeline).run(handoff);
            }
            StringBuilder csv = new StringBuilder();
            timeline.events().forEach(e -> csv.append(e.csv()).append('\n'));
            channel.put(keys.timeline(task.rank(), context.invocationId()), csv.toString().getBytes(StandardCharsets.UTF_8));
            if (outcome == WorkerOutcome.HANDED_OVER) {
                String successor = context.invokeSuccessor(task.resumed(Timeline.nowEpochMicros()).encode());
                return ("handed over to " + successor).getBytes(StandardCharsets.UTF_8);
            }
            channel.put(keys.done(task.rank()), new byte[] {1});
            return "done".getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Parses the timeline lines a function wrote. */
    static List<TimelineEvent> parseTimeline(byte[] csv) {
        List<TimelineEvent> events = new ArrayList<>();
        for (String line : new String(csv, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                events.add(TimelineEvent.parse(line));
            }
        }
        return events;
    }
}
