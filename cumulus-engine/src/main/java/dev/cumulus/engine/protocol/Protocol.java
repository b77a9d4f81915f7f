package dev.cumulus.engine.protocol;

import dev.cumulus.config.ConfigKey;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.job.ProtocolSettings;
import java.util.List;

/**
 * A family of training protocols (LambdaML's storage-channel SGD, gradient-coded SGD,
 * peer-to-peer training): everything that differs between them, so that the driver, the worker
 * function and the supervisor know no protocol by name.
 *
 * <p>A protocol declares its own keys and binds its section of the job; on the driver it stages
 * what its functions need and names the functions to invoke and their roles; inside each
 * function it runs the role; after the last role finished it collects the model. Adding one is a
 * new package and one registration ({@link Protocols}).
 */
public interface Protocol {

    /** The value of the job's {@code protocol} key that selects this protocol. */
    String name();

    /** One sentence for the job reference. */
    String description();

    /** The keys this protocol adds to the job (its own section, or keys in a shared one). */
    List<ConfigKey> keys();

    /**
     * Binds this protocol's keys of a validated job and checks how they fit the rest of it.
     *
     * @param warnings receives a line for each key the job set that does not apply
     * @throws dev.cumulus.engine.job.InvalidJobException naming file, line and key
     */
    ProtocolSettings bind(Job job, List<String> warnings);

    /** The record {@link #bind} returns, for reading it back from an invocation payload. */
    Class<? extends ProtocolSettings> settingsType();

    /**
     * Driver side, before any function runs: checks the job against the loaded data, stages what
     * the roles need in the run's channel and says which functions to invoke.
     */
    Launch launch(RunSetup run);

    /** Inside a function: runs the role its task names until it finishes or must hand over. */
    WorkerOutcome run(RoleContext context);

    /** Driver side, once every role finished: the trained parameters and the loss curve. */
    Collected collect(RunSetup run);
}
