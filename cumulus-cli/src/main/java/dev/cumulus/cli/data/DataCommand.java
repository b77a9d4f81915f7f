package dev.cumulus.cli.data;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cumulus data}: look into, convert and generate data files. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Inspect, convert and generate data files (CSV, LIBSVM, IDX, Cumulus binary).",
        subcommands = {InspectCommand.class, ConvertCommand.class, GenerateCommand.class})
public final class DataCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
