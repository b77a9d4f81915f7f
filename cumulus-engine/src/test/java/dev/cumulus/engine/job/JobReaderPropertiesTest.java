package dev.cumulus.engine.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.protocol.Protocols;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever text a job file holds, reading and binding it ends in a job or in one InvalidJobException
 * (or, for a value a part refuses, an IllegalArgumentException naming it), with a one-line message:
 * never another exception, never a stack trace in the message.
 */
class JobReaderPropertiesTest {

    @Property(tries = 300)
    void anyTextEndsInAJobOrOneClearError(@ForAll("jobLikeText") String text) {
        try {
            Protocols.read(text, "job.yaml", List.of());
        } catch (InvalidJobException | IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").doesNotContain("Exception");
        }
    }

    @Property(tries = 200)
    void anyOverrideEndsInAJobOrOneClearError(@ForAll("keys") String key, @ForAll("values") String value) {
        try {
            Protocols.read("workers: 2\n", "job.yaml", List.of(key + "=" + value));
        } catch (InvalidJobException | IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<String> jobLikeText() {
        Arbitrary<String> key = Arbitraries.of("workers", "seed", "dataset", "model", "algorithm", "channel", "sync",
                "pattern", "protocol", "platform", "coded", "stragglers", "x", "- a", "&a", "*a", "---", "{", "[", "?");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("~", "null", "1e400", "-1", "0", "1.5", "true", "[1, 2]",
                "{ type: mlp }", "\"memory:\"", "'", "\"", "{", "[", "*a", "&a x", "!!binary AAAA", "0x10", ".inf"),
                Arbitraries.strings().ofMaxLength(12));
        return Arbitraries.entries(key, value).list().ofMaxSize(8)
                .map(entries -> {
                    StringBuilder yaml = new StringBuilder();
                    entries.forEach(e -> yaml.append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
                    return yaml.toString();
                });
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.of("workers", "seed", "dataset.rows", "model.hidden", "channel", "sync",
                "coded.load", "stragglers.delay", "algorithm.learningRate", "dataset.testFraction"),
                Arbitraries.strings().alpha().ofMaxLength(10));
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.of("", "~", "-1", "0", "1e30", "NaN", "[", "ssp:0", "pareto:1,0",
                "redis://:x@h:notaport"), Arbitraries.strings().ofMaxLength(10));
    }
}
