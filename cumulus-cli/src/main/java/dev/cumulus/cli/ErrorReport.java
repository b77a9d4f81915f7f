package dev.cumulus.cli;

import dev.cumulus.cli.output.RunDirectoryReservation.UnusableRunDirectoryException;
import dev.cumulus.cli.output.Redacted;
import dev.cumulus.data.DataException;
import dev.cumulus.engine.job.InvalidJobException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/** Turns an exception into the one line a user sees, and decides whether it was their input. */
final class ErrorReport {
    private ErrorReport() {
    }

    static boolean isUsageError(Throwable e) {
        return e instanceof InvalidJobException || e instanceof DataException
                || e instanceof dev.cumulus.channel.ChannelUriException
                || e instanceof UnusableRunDirectoryException
                || e instanceof IllegalArgumentException || e instanceof NoSuchFileException
                || (e instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException);
    }

    /** The one line, with the password of any URI in it masked. */
    static String message(Throwable e) {
        return Redacted.text(unmasked(e));
    }

    private static String unmasked(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "file not found: " + n.getFile();
        }
        if (e instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException n) {
            return "file not found: " + n.getFile();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
