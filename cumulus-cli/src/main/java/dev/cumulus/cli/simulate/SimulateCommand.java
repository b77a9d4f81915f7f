package dev.cumulus.cli.simulate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cumulus simulate}: virtual-time experiments at scale. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run virtual-time experiments at scale.",
        subcommands = {GcCommand.class, TrainSimCommand.class})
public final class SimulateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing experiment: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
