package dev.cumulus.runtime.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class LambdaRateProperties {

    @Property
    void billedDurationIsTheSmallestMultipleOfTheGranularityCoveringTheRun(
            @ForAll @LongRange(min = 1, max = 900_000_000_000L) long nanos, @ForAll @LongRange(min = 1, max = 1000) long granularity) {
        LambdaRate rate = new LambdaRate("x86_64", 1, 0, granularity);
        long billed = rate.billedMillis(Duration.ofNanos(nanos));

        assertThat(billed % granularity).isZero();
        assertThat(billed * 1_000_000L).isGreaterThanOrEqualTo(nanos);
        assertThat((billed - granularity) * 1_000_000L).isLessThan(nanos);
    }
}
