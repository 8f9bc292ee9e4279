package io.github.reselleroffboarding.producer.send;

import io.github.reselleroffboarding.producer.CliFailure;
import io.github.reselleroffboarding.producer.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a bulk file of requests is read and its progress shown; shared by {@code send} and {@code check}. */
public final class RequestFileOptions {

    @Option(names = "--format", paramLabel = "auto|jsonl|csv", defaultValue = "auto",
            description = "Format of --file (default: from its extension; .csv is CSV, anything else JSON Lines).")
    String format;

    @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Progress bar on stderr for --file (default: when on a terminal).")
    String progress;

    /** The file's format, after checking it can be read. */
    public RequestFileReader.Format formatOf(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new CliFailure("--file " + file + ": no such readable file", ExitCodes.USAGE);
        }
        try {
            return RequestFileReader.Format.of(file, format);
        } catch (IllegalArgumentException e) {
            throw new CliFailure("--format must be auto, jsonl or csv, was '" + format + "'", ExitCodes.USAGE);
        }
    }

    public boolean showProgress(boolean interactive) {
        return switch (progress) {
            case "always" -> true;
            case "never" -> false;
            default -> interactive;
        };
    }
}
