package dev.cumulus.engine;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.collective.AllReduce;
import dev.cumulus.channel.collective.Collective;
import dev.cumulus.channel.collective.ScatterReduce;
import java.time.Duration;

/** The collective a job's {@code pattern} names, for one worker. */
public final class Collectives {
    private Collectives() {
    }

    public static Collective of(WorkerTask task, Channel channel, String name) {
        String prefix = task.keys().collective(name);
        Duration timeout = Duration.ofSeconds(task.job().integer("platform.timeoutSeconds"));
        return task.job().string("pattern").equals("scatter-reduce")
                ? new ScatterReduce(channel, prefix, task.rank(), task.workers(), timeout)
                : new AllReduce(channel, prefix, task.rank(), task.workers(), timeout);
    }
}
