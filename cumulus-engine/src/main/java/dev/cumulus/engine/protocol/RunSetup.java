package dev.cumulus.engine.protocol;

import dev.cumulus.channel.Channel;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.job.JobSpec;
import java.util.function.Consumer;

/**
 * The driver's side of a run as a protocol sees it: the job, the training set, the run's channel
 * and its keys, and where to report a stage. The test set is not part of it: held out from
 * training, it is only the trained model's to meet (and it may still be being read).
 *
 * @param train the training set, scaled if the job standardises
 * @param channelUri the URI every function of the run opens (a private {@code memory:} replaced by a named store)
 * @param resources what the protocol starts for the run (servers, stores), stopped when the run ends
 */
public record RunSetup(String runId, JobSpec job, Dataset train, Channel channel, String channelUri,
        Consumer<String> log, RunResources resources) {

    public RunKeys keys() {
        return new RunKeys(runId);
    }
}
