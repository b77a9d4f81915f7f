package dev.cumulus.engine.run;

import dev.cumulus.channel.meter.MeteredChannel;
import dev.cumulus.channel.Channels;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.protocol.HandoffPolicy;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/**
 * The function every role of every protocol runs in, as a FaaS platform invokes it: decodes its
 * task, opens its channel, keeps a heartbeat, lets the job's protocol run the role, records its
 * timeline in the channel, and either marks the role done or invokes its successor before the
 * time limit.
 */
public final class TrainingFunction implements WorkerFunction {
    /** The name under which the platforms know this function. */
    public static final String NAME = "cumulus-train";

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) {
        long startedMicros = Timeline.nowEpochMicros();
        RoleTask task = RoleTask.decode(payload);
        RunKeys keys = task.keys();
        Timeline timeline = new Timeline(task.index(), task.originEpochMicros());
        timeline.record(Phase.STARTUP, task.invokedEpochMicros(), startedMicros);
        try (MeteredChannel channel = new MeteredChannel(Channels.open(task.channelUri()));
             Heartbeat heartbeat = new Heartbeat(channel, keys.heartbeat(task.role()))) {
            HandoffPolicy handoff = new HandoffPolicy(context::remainingMillis);
            WorkerOutcome outcome = Protocols.named(task.job().protocol())
                    .run(new RoleContext(task, channel, timeline, handoff));
            StringBuilder csv = new StringBuilder();
            timeline.events().forEach(e -> csv.append(e.csv()).append('\n'));
            channel.put(keys.timeline(task.role(), context.invocationId()), csv.toString().getBytes(StandardCharsets.UTF_8));
            // Counted up to here; the two small puts that follow are left out of the bill.
            channel.put(keys.requests(task.role(), context.invocationId()),
                    channel.counts().csv().getBytes(StandardCharsets.UTF_8));
            if (outcome == WorkerOutcome.HANDED_OVER) {
                String successor = context.invokeSuccessor(task.resumed(Timeline.nowEpochMicros()).encode());
                return ("handed over to " + successor).getBytes(StandardCharsets.UTF_8);
            }
            channel.put(keys.done(task.role()), new byte[] {1});
            return "done".getBytes(StandardCharsets.UTF_8);
        }
    }
}
