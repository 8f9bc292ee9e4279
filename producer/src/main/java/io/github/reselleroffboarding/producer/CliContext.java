package io.github.reselleroffboarding.producer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch outside itself: environment variables, the two output streams, the clock, and
 * whether a person is watching (for the progress bar). Passed in, so tests run the CLI in-process.
 */
public record CliContext(Map<String, String> environment, PrintWriter out, PrintWriter err, Clock clock,
        boolean interactive) {

    public CliContext {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(clock, "clock");
    }

    /** This process's environment, stdout and stderr. */
    // on the JDK 17 this targets, System.console() is null exactly when stdout is not a terminal
    @SuppressWarnings("SystemConsoleNull")
    public static CliContext system() {
        return new CliContext(System.getenv(),
                new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                Clock.systemUTC(), System.console() != null);
    }
}
