package dev.cumulus.cli;

import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.engine.protocol.Protocols;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the job-file reference generated from the key declarations (docs/JOB.md). */
@Command(name = "job-doc", mixinStandardHelpOptions = true, description = "Print the job file reference (Markdown), generated from the key declarations.")
public final class JobDocCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(Protocols.schema().markdown());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
