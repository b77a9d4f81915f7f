package dev.cumulus.channel.collective;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartBuffersTest {

    @Test
    void alternatePartsGetTwoSetsKeptFromRoundToRoundUntilDiscarded() {
        PartBuffers buffers = new PartBuffers();
        float[][] even = buffers.forPart(0, 3, 100);
        float[][] odd = buffers.forPart(1, 3, 100);
        assertThat(even).hasDimensions(3, 100);
        assertThat(odd).isNotSameAs(even);
        assertThat(buffers.forPart(2, 3, 100)).isSameAs(even);
        assertThat(buffers.forPart(1, 3, 50)).as("smaller parts reuse the arrays").isSameAs(odd);

        assertThat(buffers.forPart(0, 3, 200)).as("larger parts get larger arrays").isNotSameAs(even)
                .hasDimensions(3, 200);
        assertThat(buffers.forPart(0, 4, 200)).as("another group size").hasDimensions(4, 200);

        float[][] before = buffers.forPart(1, 3, 100);
        buffers.discard();
        assertThat(buffers.forPart(1, 3, 100)).as("after a failed round").isNotSameAs(before);
    }
}
