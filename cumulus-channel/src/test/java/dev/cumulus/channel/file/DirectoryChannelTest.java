package dev.cumulus.channel.file;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

class DirectoryChannelTest extends ChannelContractTest {
    private Path directory;

    @Override
    protected Channel openChannel() {
        try {
            directory = Files.createTempDirectory("cumulus-dir-channel");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new DirectoryChannel(directory.resolve("store"));
    }

    @Override
    protected void stopServer() {
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
