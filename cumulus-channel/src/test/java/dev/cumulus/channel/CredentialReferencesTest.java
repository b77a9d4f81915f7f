package dev.cumulus.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.redis.RedisSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets named in a channel URI's user info by ${env:NAME} and ${file:PATH}, without servers. */
class CredentialReferencesTest {
    private static final Map<String, String> ENV = Map.of("REDIS_PW", "s3cr:et@/?", "EMPTY", "");

    @Test
    void environmentReferenceResolvesToTheValueAndSplitsTheUriAsBefore() {
        String resolved = CredentialReferences.resolve("redis://alice:${env:REDIS_PW}@h:6380/2", ENV::get);
        RedisSettings s = RedisSettings.parse(resolved, ChannelOptions.DEFAULTS);
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.password()).isEqualTo("s3cr:et@/?");
        assertThat(s.host()).isEqualTo("h");
        assertThat(s.port()).isEqualTo(6380);
        assertThat(s.database()).isEqualTo(2);
    }

    @Test
    void fileReferenceResolvesToTheFileWithoutItsFinalNewline(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("redis password");
        Files.writeString(secret, "pa ss+word\n");
        String resolved = CredentialReferences.resolve("redis://:${file:" + secret + "}@h:6379", ENV::get);
        RedisSettings s = RedisSettings.parse(resolved, ChannelOptions.DEFAULTS);
        assertThat(s.user()).isNull();
        assertThat(s.password()).isEqualTo("pa ss+word");
        assertThat(s.host()).isEqualTo("h");
    }

    @Test
    void unsetUnreadableAndUnknownReferencesAreErrorsNamingTheReference(@TempDir Path dir) {
        assertThatThrownBy(() -> CredentialReferences.resolve("redis://:${env:NOPE}@h", ENV::get))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("${env:NOPE}")
                .hasMessageContaining("is not set");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> CredentialReferences.resolve("redis://:${file:" + missing + "}@h", ENV::get))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("cannot read " + missing);
        assertThatThrownBy(() -> Channels.check("redis://:${vault:x}@h:6379"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("unknown reference '${vault:x}'");
        assertThatThrownBy(() -> Channels.check("redis://:${env:1x}@h:6379"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("does not name an environment variable");
    }

    @Test
    void checkAcceptsReferencesWithoutResolvingThem() {
        Channels.check("redis://:${env:CUMULUS_SURELY_UNSET_VARIABLE}@h:6379");
        Channels.check("redis://app:${file:/no/such/file}@h:6379/1");
    }

    @Test
    void maskKeepsReferencesAndHidesLiteralPasswords() {
        assertThat(Channels.masked("redis://:${env:REDIS_PW}@h:6379")).isEqualTo("redis://:${env:REDIS_PW}@h:6379");
        assertThat(Channels.masked("redis://app:${file:/run/secrets/redis}@h:6379/1"))
                .isEqualTo("redis://app:${file:/run/secrets/redis}@h:6379/1");
        assertThat(Channels.masked("redis://app:pw@h:6379")).isEqualTo("redis://app:***@h:6379");
        assertThat(Channels.masked("redis://:pw@h:6379")).isEqualTo("redis://:***@h:6379");
        assertThat(Channels.masked("redis://:p@ss@h:6379")).isEqualTo("redis://:***@h:6379");
        assertThat(Channels.masked("redis://:pw${env:X}@h")).isEqualTo("redis://:***@h");
        assertThat(Channels.masked("s3://AK:SK@bucket/a@b?endpoint=http://e:1")).isEqualTo("s3://AK:***@bucket/a@b?endpoint=http://e:1");
        assertThat(Channels.masked("memory:x")).isEqualTo("memory:x");
        assertThat(Channels.masked("redis://h:6379")).isEqualTo("redis://h:6379");
    }

    @Test
    void resolvingLeavesUrisWithoutReferencesAlone() {
        assertThat(CredentialReferences.resolve("redis://:pw@h:6379", ENV::get)).isEqualTo("redis://:pw@h:6379");
        assertThat(CredentialReferences.resolve("file:/tmp/${env:X}", ENV::get)).isEqualTo("file:/tmp/${env:X}");
        assertThat(CredentialReferences.resolve("redis://h:6379?x=${env:REDIS_PW}", ENV::get))
                .isEqualTo("redis://h:6379?x=${env:REDIS_PW}");
    }
}
