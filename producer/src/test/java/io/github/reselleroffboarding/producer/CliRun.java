package io.github.reselleroffboarding.producer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the CLI in this JVM with a given environment and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> environment, String... args) {
        return run(environment, Clock.systemUTC(), args);
    }

    static CliRun run(Map<String, String> environment, Clock clock, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new OffboardCli(new CliContext(environment, new PrintWriter(out, true), new PrintWriter(err, true),
                clock, false)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    List<String> outLines() {
        return lines(out);
    }

    List<String> errLines() {
        return lines(err);
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
    }
}
