package dev.cumulus.bench.ps;

import dev.cumulus.optim.OptimizerSpec;
import dev.cumulus.ps.ClientOptions;
import dev.cumulus.ps.ModelInit;
import dev.cumulus.ps.ParameterServer;
import dev.cumulus.ps.ParameterServerClient;
import dev.cumulus.ps.ServerOptions;
import dev.cumulus.ps.SyncMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * BSP rounds through a parameter server in this JVM: N client threads pull round r and push for it,
 * for R rounds of a vector of F floats, with the journal forced or not. Prints the mean time per round.
 *
 * <p>Usage: {@code PsRounds WORKERS ROUNDS FLOATS FORCE [LABEL]}.
 */
public final class PsRounds {
    private PsRounds() {
    }

    public static void main(String[] args) throws Exception {
        int workers = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int floats = Integer.parseInt(args[2]);
        boolean force = Boolean.parseBoolean(args[3]);
        Path dir = Files.createTempDirectory("psrounds");
        try (ParameterServer server = ParameterServer.start(ServerOptions.builder(dir).forceWrites(force).build())) {
            ClientOptions options = ClientOptions.builder(server.address()).build();
            try (ParameterServerClient c = ParameterServerClient.connect(options)) {
                c.init(new ModelInit("m", new float[floats], OptimizerSpec.adam(0.001), workers, SyncMode.BSP));
            }
            long start = System.nanoTime();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int rank = w;
                CompletableFuture<Void> done = new CompletableFuture<>();
                Thread worker = new Thread(() -> {
                    try (ParameterServerClient c = ParameterServerClient.connect(options)) {
                        float[] g = new float[floats];
                        for (long r = 0; r < rounds; r++) {
                            float[] p = c.pull(r).parameters();
                            for (int i = 0; i < floats; i++) {
                                g[i] = p[i] - rank - 1;
                            }
                            c.push(rank, r, g);
                        }
                        done.complete(null);
                    } catch (Throwable e) {
                        done.completeExceptionally(e);
                    }
                });
                worker.start();
                all.add(done);
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
            System.out.println(String.format(Locale.ROOT, "%s workers=%d floats=%d force=%s: %.2f ms/round",
                    args.length > 4 ? args[4] : "", workers, floats, force, (System.nanoTime() - start) / 1e6 / rounds));
        }
    }
}
