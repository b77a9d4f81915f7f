package dev.cumulus.data.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.Dataset;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PartitionerTest {

    @Property
    void chunkSizesDifferByAtMostOneAndSumToRows(@ForAll @IntRange(min = 0, max = 100_000) int rows,
                                                @ForAll @IntRange(min = 1, max = 300) int chunks) {
        int[] sizes = Partitioner.contiguous(chunks).sizes(rows);
        assertThat(sizes).hasSize(chunks);
        assertThat(Arrays.stream(sizes).sum()).isEqualTo(rows);
        int min = Arrays.stream(sizes).min().orElseThrow();
        int max = Arrays.stream(sizes).max().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
    }

    @Property
    void shuffledChunksCoverEveryRowExactlyOnce(@ForAll @IntRange(min = 0, max = 2_000) int rows,
                                               @ForAll @IntRange(min = 1, max = 40) int chunks,
                                               @ForAll long seed) {
        int[][] parts = Partitioner.shuffled(chunks, seed).rowIndices(rows);
        int[] all = Arrays.stream(parts).flatMapToInt(Arrays::stream).sorted().toArray();
        int[] expected = new int[rows];
        Arrays.setAll(expected, i -> i);
        assertThat(all).isEqualTo(expected);
        int[] sizes = Partitioner.contiguous(chunks).sizes(rows);
        for (int c = 0; c < chunks; c++) {
            assertThat(parts[c]).hasSize(sizes[c]);
        }
    }

    @Test
    void contiguousChunksAreConsecutiveRowRangesInOrder() {
        Dataset d = RandomDatasets.make(10, 3, 2, false, 1);
        List<Dataset> parts = Partitioner.contiguous(3).split(d);
        assertThat(parts).extracting(Dataset::rows).containsExactly(4, 3, 3);
        ChunkCodecTest.assertIdentical(parts.get(1), d.slice(4, 7));
        ChunkCodecTest.assertIdentical(parts.get(2), d.slice(7, 10));
    }

    @Test
    void shuffledSplitIsFixedBySeedAndDiffersAcrossSeeds() {
        Dataset d = RandomDatasets.make(200, 4, 3, true, 2);
        int[][] a = Partitioner.shuffled(4, 11).rowIndices(d.rows());
        assertThat(Partitioner.shuffled(4, 11).rowIndices(d.rows())).isDeepEqualTo(a);
        assertThat(Partitioner.shuffled(4, 12).rowIndices(d.rows())[0]).isNotEqualTo(a[0]);
        List<Dataset> parts = Partitioner.shuffled(4, 11).split(d);
        ChunkCodecTest.assertIdentical(parts.get(2), d.select(a[2]));
    }

    @Test
    void moreChunksThanRowsLeavesEmptyChunks() {
        assertThat(Partitioner.contiguous(5).sizes(3)).containsExactly(1, 1, 1, 0, 0);
    }

    @Test
    void rejectsZeroChunks() {
        assertThatThrownBy(() -> Partitioner.contiguous(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunks must be at least 1, got 0");
    }
}
