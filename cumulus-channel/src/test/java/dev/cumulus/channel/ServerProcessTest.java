package dev.cumulus.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ServerProcessTest {

    /** An unset environment variable is a null candidate: it used to end in a NullPointerException. */
    @Test
    void aMissingBinaryIsASkipOrUnderCiAFailureNamingWhereItWasLookedFor() {
        Throwable outcome = catchThrowable(() -> ServerProcess.requireBinary("thing (npm ci --prefix somewhere)",
                null, "/nonexistent/cumulus/thing"));

        assertThat(outcome).isInstanceOfAny(TestAbortedException.class, AssertionFailedError.class)
                .hasMessageContaining("thing (npm ci --prefix somewhere) not found at [/nonexistent/cumulus/thing]")
                .hasMessageContaining(".ci/run");
    }

    @Test
    void theFirstExecutableCandidateIsTaken() {
        assertThat(ServerProcess.requireBinary("sh", null, "/nonexistent/sh", "/bin/sh")).isEqualTo("/bin/sh");
    }
}
