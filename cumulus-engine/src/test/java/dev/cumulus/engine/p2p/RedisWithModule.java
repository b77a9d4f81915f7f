package dev.cumulus.engine.p2p;

import dev.cumulus.engine.testing.RedisServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server on a free port of 127.0.0.1 with Cumulus's module loaded ({@code src/main/c}),
 * the module built first if the build has not (the same script the Maven build runs).
 */
final class RedisWithModule {
    private RedisWithModule() {
    }

    static RedisServerProcess start() throws IOException, InterruptedException {
        return RedisServerProcess.start(null, "--loadmodule", module().toString());
    }

    /** The module's shared object, built by src/main/c/build.sh if missing. */
    static Path module() throws IOException, InterruptedException {
        Path out = Path.of("target", "redis", "cumulus_redis.so").toAbsolutePath();
        Process build = new ProcessBuilder("bash", "src/main/c/build.sh", out.toString()).redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes());
        if (build.waitFor() != 0 || !Files.exists(out)) {
            String message = "could not build the Redis module: " + output;
            if (System.getenv("CI") != null) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return out;
    }
}
