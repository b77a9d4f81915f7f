package dev.cumulus.sim.cost;

import java.util.Objects;

/**
 * Where a job would run: N functions exchanging through a store, or N virtual machines talking directly.
 *
 * @param platform functions or VMs
 * @param workers how many
 * @param store the functions' channel (for VMs: where they read their data from, usually S3)
 */
public record Deployment(Platform platform, int workers, Store store) {

    /** Functions (FaaS) or virtual machines (IaaS). */
    public enum Platform {
        FUNCTIONS("functions"), VMS("VMs");

        private final String label;

        Platform(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Deployment {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(store, "store");
        Check.atLeast("workers", workers, 1);
    }

    public static Deployment functions(int workers, Store store) {
        return new Deployment(Platform.FUNCTIONS, workers, store);
    }

    public static Deployment vms(int workers) {
        return new Deployment(Platform.VMS, workers, Store.S3);
    }

    /** A short name for tables: {@code functions/s3} or {@code VMs}. */
    public String label() {
        return platform == Platform.VMS ? platform.label() : platform.label() + "/" + store.label();
    }
}
