package dev.cumulus.channel.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelContractTest;
import dev.cumulus.channel.ChannelException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The channel contract over items of 64 KB, so every large value is hundreds of parts; plus what
 * the splitting leaves behind in the store.
 */
class SplittingChannelTest extends ChannelContractTest {
    private MapItemStore items;

    @Override
    protected Channel openChannel() {
        items = new MapItemStore(64 * 1024);
        return new SplittingChannel(items, Duration.ofMillis(5));
    }

    /** A fresh store and channel, so that parts can be counted. */
    private MapItemStore fresh;
    private Channel own;

    @org.junit.jupiter.api.BeforeEach
    void freshStore() {
        fresh = new MapItemStore(64 * 1024);
        own = new SplittingChannel(fresh, Duration.ofMillis(5));
    }

    @Test
    void overwritingAndDeletingASplitValueLeavesNoParts() {
        MapItemStore items = fresh;
        Channel channel = own;
        byte[] big = new byte[1_000_000];
        new Random(1).nextBytes(big);
        channel.put(ns + "v", big);
        long parts = items.allKeys().stream().filter(k -> k.startsWith(ItemFrame.PART_PREFIX)).count();
        assertThat(parts).isEqualTo((big.length + 64 * 1024 - 2) / (64 * 1024 - 1));
        channel.put(ns + "v", new byte[200_000]);
        channel.put(ns + "v", new byte[] {1});
        assertThat(items.allKeys()).noneMatch(k -> k.startsWith(ItemFrame.PART_PREFIX));
        channel.put(ns + "v", big);
        channel.delete(ns + "v");
        assertThat(items.allKeys()).noneMatch(k -> k.startsWith(ItemFrame.PART_PREFIX));
    }

    @Test
    void aLosingPutIfAbsentRemovesItsParts() {
        MapItemStore items = fresh;
        Channel channel = own;
        assertThat(channel.putIfAbsent(ns + "once", new byte[300_000])).isTrue();
        assertThat(channel.putIfAbsent(ns + "once", new byte[300_000])).isFalse();
        long parts = items.allKeys().stream().filter(k -> k.startsWith(ItemFrame.PART_PREFIX)).count();
        assertThat(parts).isEqualTo(5);
    }

    @Test
    void aValueWhosePartsWereEvictedIsReportedNotReturnedHalf() {
        MapItemStore items = fresh;
        Channel channel = own;
        channel.put(ns + "evicted", new byte[200_000]);
        String part = items.allKeys().stream().filter(k -> k.startsWith(ItemFrame.PART_PREFIX)).findFirst().orElseThrow();
        items.remove(part);
        assertThatThrownBy(() -> channel.get(ns + "evicted"))
                .isInstanceOf(ChannelException.class).hasMessageContaining("lost parts");
    }

    @Test
    void keysStartingWithTildeAreReserved() {
        assertThatThrownBy(() -> channel().put("~part/x", new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }
}
