package dev.cumulus.runtime.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.InvocationStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charges checked against values worked out by hand from the published prices. */
class BillingTest {

    private static final LambdaRate X86 = new LambdaRate("x86_64", 0.0000166667, 0.20 / 1_000_000, 1);

    @TempDir
    Path tempDir;

    @Test
    void defaultTableHoldsCurrentUsEast1Prices() {
        PriceTable prices = PriceTable.defaults();

        assertThat(prices.lambda().usdPerGbSecond()).isEqualTo(0.0000166667);
        assertThat(prices.lambda().usdPerRequest()).isCloseTo(0.0000002, offset(1e-18));
        assertThat(prices.lambda().granularityMillis()).isEqualTo(1);
        assertThat(prices.lambda("arm64").usdPerGbSecond()).isEqualTo(0.0000133334);
        assertThat(prices.ec2("t3.medium").usdPerHour()).isEqualTo(0.0416);
        assertThat(prices.ec2("c5.large").usdPerHour()).isEqualTo(0.085);
        assertThat(prices.ec2("c5.4xlarge").usdPerHour()).isEqualTo(0.68);
        assertThat(prices.ec2("m5.large").usdPerHour()).isEqualTo(0.096);
        assertThat(prices.ec2("m5.large").minimumBilledSeconds()).isEqualTo(60);
    }

    @Test
    void roundsLambdaDurationUpToTheNextMillisecond() {
        assertThat(X86.billedMillis(Duration.ofNanos(1_000_000))).isEqualTo(1);
        assertThat(X86.billedMillis(Duration.ofNanos(1_000_001))).isEqualTo(2);
        assertThat(X86.billedMillis(Duration.ofNanos(123_400_000))).isEqualTo(124);
        assertThat(X86.billedMillis(Duration.ZERO)).isEqualTo(1);
        LambdaRate hundredMillis = new LambdaRate("x86_64", 0.0000166667, 0.0000002, 100);
        assertThat(hundredMillis.billedMillis(Duration.ofMillis(101))).isEqualTo(200);
    }

    @Test
    void chargesGbSecondsPlusTheRequestPrice() {
        // 1 GB for 1 s: one GB-second plus one request.
        assertThat(X86.chargeUsd(1024, 1000)).isCloseTo(0.0000166667 + 0.0000002, offset(1e-15));
        // 128 MB for 100 ms: 0.125 GB x 0.1 s = 0.0125 GB-s.
        assertThat(X86.chargeUsd(128, 100)).isCloseTo(0.0125 * 0.0000166667 + 0.0000002, offset(1e-15));
        // 10 GB for 15 minutes: 10 x 900 = 9000 GB-s = $0.150000300, plus $0.0000002.
        assertThat(X86.chargeUsd(10_240, 900_000)).isCloseTo(0.1500003 + 0.0000002, offset(1e-12));
    }

    @Test
    void chargesEc2PerSecondWithAOneMinuteMinimum() {
        Ec2Rate c5 = PriceTable.defaults().ec2("c5.large");

        assertThat(c5.billedSeconds(Duration.ofSeconds(30))).isEqualTo(60);
        assertThat(c5.costUsd(Duration.ofSeconds(30))).isCloseTo(0.085 / 60, offset(1e-15));
        assertThat(c5.billedSeconds(Duration.ofMillis(3_601_200))).isEqualTo(3602);
        assertThat(c5.costUsd(Duration.ofMillis(3_601_200))).isCloseTo(0.085 * 3602 / 3600, offset(1e-15));
        assertThat(c5.costUsd(4, Duration.ofHours(2))).isCloseTo(4 * 2 * 0.085, offset(1e-12));
    }

    @Test
    void meterTotalsBillableResultsOnly() {
        BillingMeter meter = new BillingMeter(X86);
        meter.record(result(1024, 1000, true));
        meter.record(result(128, 100, true));
        meter.record(result(2048, 1, true));
        meter.record(result(4096, 5000, false));

        BillingMeter.Bill bill = meter.bill();
        double gbSeconds = 1.0 + 0.0125 + 0.002;
        assertThat(bill.requests()).isEqualTo(3);
        assertThat(bill.billedMillis()).isEqualTo(1101);
        assertThat(bill.gbSeconds()).isCloseTo(gbSeconds, offset(1e-12));
        assertThat(bill.computeUsd()).isCloseTo(gbSeconds * 0.0000166667, offset(1e-15));
        assertThat(bill.requestUsd()).isCloseTo(3 * 0.0000002, offset(1e-18));
        assertThat(bill.totalUsd()).isCloseTo(gbSeconds * 0.0000166667 + 0.0000006, offset(1e-15));
        assertThat(meter.chargeUsd(result(4096, 5000, false))).isZero();
    }

    @Test
    void meterLosesNothingUnderConcurrentRecording() throws Exception {
        BillingMeter meter = new BillingMeter(X86);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1000; i++) {
                    meter.record(result(512, 3, true));
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        assertThat(meter.bill().requests()).isEqualTo(8000);
        assertThat(meter.bill().billedMillis()).isEqualTo(24_000);
        assertThat(meter.bill().gbSeconds()).isCloseTo(8000 * 0.5 * 0.003, offset(1e-9));
    }

    @Test
    void userFileOverridesSomePricesAndAddsInstanceTypes() throws Exception {
        Path file = tempDir.resolve("prices.properties");
        Files.writeString(file, "lambda.x86_64.usdPerGbSecond=0.00002\nec2.p3.2xlarge.usdPerHour=3.06\n");

        PriceTable prices = PriceTable.load(file);

        assertThat(prices.lambda().usdPerGbSecond()).isEqualTo(0.00002);
        assertThat(prices.lambda().usdPerRequest()).isCloseTo(0.0000002, offset(1e-18));
        assertThat(prices.ec2("p3.2xlarge").usdPerHour()).isEqualTo(3.06);
        assertThat(prices.ec2("c5.large").usdPerHour()).isEqualTo(0.085);
    }

    @Test
    void badPriceFileIsNamedWithTheKeyAndValue() throws Exception {
        Path file = tempDir.resolve("bad.properties");
        Files.writeString(file, "ec2.c5.large.usdPerHour=cheap\n");

        assertThatThrownBy(() -> PriceTable.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cheap'").hasMessageContaining("ec2.c5.large.usdPerHour")
                .hasMessageContaining(file.toString()).hasMessageContaining("non-negative number");
        assertThatThrownBy(() -> PriceTable.load(tempDir.resolve("missing.properties")))
                .hasMessageContaining("missing.properties").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> PriceTable.defaults().ec2("x9.huge"))
                .hasMessageContaining("'x9.huge'").hasMessageContaining("c5.large");
    }

    private static InvocationResult result(int memoryMb, long billedMillis, boolean billable) {
        return InvocationResult.builder("id", "f").status(InvocationStatus.OK).memoryMb(memoryMb)
                .billedDurationMillis(billedMillis).billable(billable).build();
    }
}
