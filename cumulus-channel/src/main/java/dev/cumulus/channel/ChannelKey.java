package dev.cumulus.channel;

import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import dev.cumulus.config.Validator;
import java.util.List;
import java.util.Locale;

/**
 * The {@code channel} key of a job, declared where the channels live: its schemes are the ones
 * {@link Channels#open} understands, and a value is checked by reading it as {@link Channels#check}
 * does, so a URI that cannot be opened stops the job before it loads its data.
 */
public final class ChannelKey {
    /** The URI prefixes {@link Channels} opens, in the order the reference lists them. */
    public static final List<String> SCHEMES =
            List.of("memory:", "file:", "redis://", "rediss://", "memcached://", "s3://", "dynamodb://");

    /** The job key. */
    public static final ConfigKey KEY = new ConfigKey("channel", ValueType.STRING, "memory:", new UriValidator(),
            "Storage through which the workers exchange everything (see docs/CHANNELS.md).");

    private ChannelKey() {
    }

    private static final class UriValidator implements Validator {
        private final String phrase = "a URI starting with one of " + String.join(", ", SCHEMES);

        @Override
        public String check(Object value) {
            String s = value.toString().toLowerCase(Locale.ROOT);
            if (SCHEMES.stream().noneMatch(s::startsWith)) {
                return phrase;
            }
            try {
                Channels.check(value.toString());
                return null;
            } catch (ChannelUriException e) {
                // the message names the URI with any password masked
                return "a channel URI that can be read (" + e.getMessage() + ")";
            }
        }

        @Override
        public String describe() {
            return phrase;
        }
    }
}
