package dev.cumulus.engine.lambdaml;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.collective.AllReduce;
import dev.cumulus.channel.collective.Collective;
import dev.cumulus.channel.collective.ScatterReduce;
import dev.cumulus.engine.protocol.RoleTask;
import java.time.Duration;

/** The collective a job's {@code pattern} names, for one worker. */
final class Collectives {
    private Collectives() {
    }

    static Collective of(RoleTask task, Channel channel, String name) {
        String prefix = task.keys().collective(name);
        Duration timeout = Duration.ofSeconds(task.job().platform().timeoutSeconds());
        return task.job().settings(LambdaMlSettings.class).pattern().equals(LambdaMlSettings.SCATTER_REDUCE)
                ? new ScatterReduce(channel, prefix, task.rank(), task.job().workers(), timeout)
                : new AllReduce(channel, prefix, task.rank(), task.job().workers(), timeout);
    }
}
