package dev.cumulus.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version and commit this build of Cumulus was made from, read from the
 * {@code cumulus-build.properties} resource that Maven filters at build time.
 */
public final class Build {
    private static final Properties PROPERTIES = load();

    private Build() {
    }

    /** The project version, such as {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    /** The commit the build came from, or {@code unknown} outside a git work tree. */
    public static String commit() {
        String commit = PROPERTIES.getProperty("commit", "");
        return commit.isBlank() || commit.startsWith("${") ? "unknown" : commit;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Build.class.getResourceAsStream("/cumulus-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
