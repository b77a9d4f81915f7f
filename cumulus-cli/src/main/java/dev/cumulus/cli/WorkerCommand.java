package dev.cumulus.cli;

import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.runtime.process.FunctionProcessMain;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code cumulus worker}: the entry point of one function process. The processes platform starts
 * it and speaks its framed protocol over standard input and output, as a FaaS runtime would.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, description = "Serve function invocations over stdin/stdout (started by the processes platform).")
public final class WorkerCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        // FunctionProcessMain owns the process from here and exits with its own status.
        FunctionProcessMain.main(new String[0]);
        return ExitCodes.OK;
    }
}
