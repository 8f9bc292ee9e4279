package io.github.reselleroffboarding.producer.report;

import io.github.reselleroffboarding.producer.CliContext;
import io.github.reselleroffboarding.producer.CliFailure;
import io.github.reselleroffboarding.producer.ConnectionOptions;
import io.github.reselleroffboarding.producer.DurationConverter;
import io.github.reselleroffboarding.producer.ExitCodes;
import io.github.reselleroffboarding.producer.KafkaPreflight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code offboard report}: what happened over a window, from the outcome topics, for auditors and billing. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Summarise what happened over a window, per day, from the outcome topics.",
            "Counts the outcomes committed in the window (by record timestamp, read_committed): requests answered, "
                    + "removed (by this service / already gone / by someone else), blocked by code and by what "
                    + "clears them, rejected by Partner Center, dead-lettered, assessed; per day (UTC).",
            "Window: --since 7d (the default), or --from and --to (a date, 2026-11-01, or an instant, "
                    + "2026-11-01T12:00:00Z; --to defaults to now). Formats: table (default), csv, json, html (one "
                    + "self-contained page with charts); --out FILE writes it there instead of stdout."})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "The window ends now and starts this long ago (e.g. 7d, 12h; default 7d).")
    Duration since;

    @Option(names = "--from", paramLabel = "DATE|INSTANT", description = "Start of the window (inclusive).")
    String from;

    @Option(names = "--to", paramLabel = "DATE|INSTANT",
            description = "End of the window (inclusive; a date means the end of that day; default now).")
    String to;

    @Option(names = "--format", paramLabel = "table|csv|json|html", defaultValue = "table",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to this file.")
    Path out;

    @Option(names = "--title", paramLabel = "TEXT", defaultValue = "Reseller offboarding report",
            description = "Title of the HTML page (default: ${DEFAULT-VALUE}).")
    String title;

    @Option(names = "--removed-topic", paramLabel = "TOPIC",
            description = "RelationshipRemoved topic (env RELATIONSHIP_REMOVED_TOPIC; default ${DEFAULT-VALUE}).")
    String removedTopic;

    @Option(names = "--blocked-topic", paramLabel = "TOPIC",
            description = "OffboardBlocked topic (env OFFBOARD_BLOCKED_TOPIC; default ${DEFAULT-VALUE}).")
    String blockedTopic;

    @Option(names = "--assessed-topic", paramLabel = "TOPIC",
            description = "OffboardAssessed topic (env OFFBOARD_ASSESSED_TOPIC; default ${DEFAULT-VALUE}).")
    String assessedTopic;

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
            description = "Dead-letter topic (env DEAD_LETTER_TOPIC; default ${DEFAULT-VALUE}).")
    String deadLetterTopic;

    @Mixin
    ConnectionOptions connection;

    private final CliContext context;

    public ReportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (!java.util.List.of("table", "csv", "json", "html").contains(format)) {
            throw new CliFailure("--format must be table, csv, json or html, was '" + format + "'", ExitCodes.USAGE);
        }
        Instant now = context.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (since != null && from != null) {
            throw new CliFailure("give --since or --from, not both", ExitCodes.USAGE);
        }
        Instant end = to == null ? now : instant("--to", to, true);
        Instant start = from != null ? instant("--from", from, false)
                : end.minus(since == null ? Duration.ofDays(7) : since);
        if (start.isAfter(end)) {
            throw new CliFailure("the window starts (" + start + ") after it ends (" + end + ")", ExitCodes.USAGE);
        }
        OutcomeLog.Topics topics = new OutcomeLog.Topics(removedTopic, blockedTopic, assessedTopic, deadLetterTopic);
        KafkaPreflight.requireTopics(connection.clientProperties(), connection.timeout(), topics.all());
        OutcomeTally tally = new OutcomeTally();
        new OutcomeLog(connection.clientProperties(), connection.timeout()).read(topics, start, end, tally);
        Report report = tally.report(start, end);
        String text = switch (format) {
            case "csv" -> ReportText.csv(report);
            case "json" -> ReportText.json(report);
            case "html" -> HtmlReport.render(report, title);
            default -> ReportText.table(report);
        };
        if (out == null) {
            context.out().print(text);
        } else {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, text, StandardCharsets.UTF_8);
            context.out().println("wrote the " + format + " report of " + report.answered() + " answers and "
                    + report.total(OutcomeTally.Kind.DEAD_LETTERED) + " dead letters (" + start + " to " + end
                    + ") to " + out.toAbsolutePath());
        }
        context.out().flush();
        return ExitCodes.OK;
    }

    private static Instant instant(String option, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new CliFailure(option + " must be a date (2026-11-01) or an instant (2026-11-01T12:00:00Z), was '"
                    + value + "'", ExitCodes.USAGE);
        }
    }
}
