package dev.cumulus.sim.cost;

/**
 * What virtual machines add to a job: they boot slowly, then talk to each other directly (a ring
 * all-reduce, as distributed PyTorch does), and read their data from object storage.
 *
 * @param bootSeconds from request until the training script runs: boot, mount, dispatch
 * @param latencySeconds one message between two VMs
 * @param bytesPerSecond network bandwidth of one VM
 * @param loadBytesPerSecond how fast one VM reads its data from object storage
 */
public record VmParameters(double bootSeconds, double latencySeconds, double bytesPerSecond,
        double loadBytesPerSecond) {

    public VmParameters {
        Check.nonNegative("vms.bootSeconds", bootSeconds);
        Check.nonNegative("vms.latencySeconds", latencySeconds);
        Check.positive("vms.bytesPerSecond", bytesPerSecond);
        Check.positive("vms.loadBytesPerSecond", loadBytesPerSecond);
    }

    /**
     * EC2 in one placement: about two minutes to boot and set up (LambdaML: "minutes"), 100 µs a message
     * within an availability zone, 10 Gbit/s ("up to", c5.large), S3 at 90 MB/s per connection.
     */
    public static VmParameters ec2() {
        return new VmParameters(120, 100e-6, 1_250e6, 90e6);
    }

    /**
     * Seconds of one ring all-reduce of {@code bytes} over {@code workers} VMs: 2(N-1) steps, each one message
     * of bytes/N.
     */
    public double allReduceSeconds(int workers, double bytes) {
        if (workers <= 1) {
            return 0;
        }
        return 2.0 * (workers - 1) * (latencySeconds + bytes / workers / bytesPerSecond);
    }
}
