package dev.cumulus.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelsTest {

    @Test
    void memoryWithoutANameIsAPrivateStore() {
        try (Channel a = Channels.open("memory:"); Channel b = Channels.open("memory:")) {
            a.put("k", new byte[] {1});
            assertThat(b.get("k")).isEmpty();
        }
    }

    @Test
    void namedMemoryStoresAreSharedUntilTheLastHandleCloses() {
        Channel a = Channels.open("memory:jobA");
        Channel b = Channels.open("memory:jobA");
        a.put("k", new byte[] {1});
        assertThat(b.get("k")).isPresent();
        a.close();
        assertThat(b.get("k")).isPresent();
        b.close();
        try (Channel c = Channels.open("memory:jobA")) {
            assertThat(c.get("k")).isEmpty();
        }
    }

    @Test
    void fileOpensADirectoryChannel(@TempDir Path dir) {
        try (Channel channel = Channels.open("file:" + dir.resolve("x"))) {
            channel.put("a/b", new byte[] {7});
            assertThat(channel.describe()).startsWith("file:");
            assertThat(Files.isDirectory(dir.resolve("x"))).isTrue();
        }
    }

    @Test
    void anUnknownSchemeIsAnErrorNamingTheUri() {
        assertThatThrownBy(() -> Channels.open("ftp://host/dir"))
                .isInstanceOf(ChannelUriException.class)
                .hasMessageContaining("'ftp://host/dir'")
                .hasMessageContaining("unknown scheme 'ftp'");
        assertThatThrownBy(() -> Channels.open(""))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Channels.open("file:"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("file:DIR");
        assertThatThrownBy(() -> Channels.open("memory:bad name"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("memory:bad name");
    }

    @Test
    void aPasswordIsNeverShownInAnError() {
        assertThatThrownBy(() -> Channels.open("nosuch://alice:s3cret@host:1"))
                .isInstanceOf(ChannelUriException.class)
                .hasMessageContaining("alice:***@host")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
}
