package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ExcludedStoreProbeTest {

    @Test
    void anExcludedStoreIsProbedAtMostOncePerIntervalAndNotAfterItsPeerIsFoundBeating() {
        List<String> probed = new ArrayList<>();
        List<String> log = new ArrayList<>();
        AtomicBoolean back = new AtomicBoolean(false);
        ExcludedStoreProbe probe = new ExcludedStoreProbe(1_000, (q, uri) -> {
            probed.add(q + "@" + uri);
            return back.get();
        }, log::add);
        probe.watch(2, "redis://db2", 10_000);

        assertThat(probe.probe(10_999)).isZero();
        assertThat(probe.probe(11_000)).isEqualTo(1);
        assertThat(probe.probe(11_500)).isZero();
        assertThat(probe.probe(12_000)).isEqualTo(1);
        back.set(true);
        assertThat(probe.probe(13_000)).isEqualTo(1);
        assertThat(probe.probe(20_000)).isZero();

        assertThat(probed).containsExactly("2@redis://db2", "2@redis://db2", "2@redis://db2");
        assertThat(log).containsExactly("excluded peer-2 beats again in its store; it stays out of this run's rounds "
                + "until it joins (cumulus peer --join)");
    }

    @Test
    void aPeerAdmittedAgainIsNoLongerProbed() {
        List<Integer> probed = new ArrayList<>();
        ExcludedStoreProbe probe = new ExcludedStoreProbe(100, (q, uri) -> probed.add(q) && false, line -> { });
        probe.watch(1, "memory:a", 0);
        probe.watch(3, "memory:b", 0);
        probe.forget(1);

        assertThat(probe.probe(100)).isEqualTo(1);
        assertThat(probed).containsExactly(3);
    }
}
