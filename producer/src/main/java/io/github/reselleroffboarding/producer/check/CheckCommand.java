package io.github.reselleroffboarding.producer.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.events.OffboardMode;
import io.github.reselleroffboarding.producer.CliContext;
import io.github.reselleroffboarding.producer.CliFailure;
import io.github.reselleroffboarding.producer.ConnectionOptions;
import io.github.reselleroffboarding.producer.DurationConverter;
import io.github.reselleroffboarding.producer.ExitCodes;
import io.github.reselleroffboarding.producer.KafkaPreflight;
import io.github.reselleroffboarding.producer.send.InvalidRequestException;
import io.github.reselleroffboarding.producer.send.ProgressBar;
import io.github.reselleroffboarding.producer.send.RequestEvents;
import io.github.reselleroffboarding.producer.send.RequestFileOptions;
import io.github.reselleroffboarding.producer.send.RequestFileReader;
import io.github.reselleroffboarding.producer.send.RequestInput;
import io.github.reselleroffboarding.producer.send.RequestPublisher;
import io.github.reselleroffboarding.producer.tail.RecordJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code offboard check}: what blocks these customers, what clears it, by when. Publishes preview requests
 * ({@code mode: PREVIEW}, which never write to Partner Center) and waits for their {@code OffboardAssessed}.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Preview removals: what blocks each customer now, what clears it, by when.",
            "Publishes PREVIEW requests (nothing is written to Partner Center) and prints each customer's "
                    + "assessment: blockers grouped by what clears them, deadlines, when it becomes removable by "
                    + "itself. One customer: --tenant. Many: --file tenants.jsonl or .csv (as for send; requestedBy "
                    + "may be left out), with a summary, and --out report.csv or .json for one row per customer.",
            "Exit codes: 0 every customer removable, 1 failure or no assessment in time, 2 usage error, 3 some "
                    + "customer not removable or bad lines skipped."})
public final class CheckCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--tenant", paramLabel = "GUID", description = "One customer tenant id.")
        String tenant;

        @Option(names = "--file", paramLabel = "FILE",
                description = "Customers in JSON Lines (customerTenantId, and optionally requestedBy, "
                        + "correlationId, eventId) or CSV with a header naming those columns.")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--requested-by", paramLabel = "WHO", defaultValue = "offboard check",
            description = "Who asks, for the audit trail (default: ${DEFAULT-VALUE}; a file's own column wins).")
    String requestedBy;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Tracing id carried into the assessment.")
    String correlationId;

    @Option(names = "--out", paramLabel = "FILE.csv|FILE.json",
            description = "Also write one row per customer (tenant, company, result, codes, actions, nearest "
                    + "deadline, earliest removable date) to this file.")
    Path out;

    @Option(names = "--json", description = "Print each assessment as one JSON object per line, nothing else.")
    boolean json;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long to wait for an assessment once the previews are sent: for the first, and "
                    + "then for each next one (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Requests topic (env OFFBOARD_REQUESTS_TOPIC; default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--assessed-topic", paramLabel = "TOPIC",
            description = "OffboardAssessed topic (env OFFBOARD_ASSESSED_TOPIC; default ${DEFAULT-VALUE}).")
    String assessedTopic;

    @Mixin
    RequestFileOptions fileOptions;

    @Mixin
    ConnectionOptions connection;

    private final CliContext context;
    private final ObjectMapper mapper = new ObjectMapper();

    public CheckCommand(CliContext context) {
        this.context = context;
    }

    /** A preview to send, with where it came from. */
    private record Preview(String tenant, CustomerOffboardRequested request) {
    }

    @Override
    public Integer call() throws IOException {
        if (out != null && !AssessmentFile.supports(out)) {
            throw new CliFailure("--out must end in .csv or .json, was '" + out + "'", ExitCodes.USAGE);
        }
        RequestEvents events = new RequestEvents(context.clock());
        List<Preview> previews = new ArrayList<>();
        long skipped = source.file != null ? readFile(events, previews) : single(events, previews);
        try {
            KafkaPreflight.requireTopics(connection.clientProperties(), connection.timeout(),
                    List.of(topic, assessedTopic));
        } catch (CliFailure missing) {
            throw new CliFailure(missing.getMessage() + "; previews are answered on " + assessedTopic
                    + " (OFFBOARD_ASSESSED_TOPIC) by a consumer that knows them", missing.exitCode());
        }
        Map<String, OffboardAssessed> answers = previewAll(previews);
        List<AssessmentRow> rows = new ArrayList<>();
        previews.forEach(p -> rows.add(AssessmentRow.of(p.tenant(), p.request().getEventId(),
                answers.get(p.request().getEventId()))));
        if (out != null) {
            AssessmentFile.write(out, rows);
        }
        print(previews, answers, rows, skipped);
        return exitCode(previews, rows, skipped);
    }

    private long single(RequestEvents events, List<Preview> previews) {
        try {
            CustomerOffboardRequested request = events.build(new RequestInput(source.tenant, requestedBy, null,
                    correlationId, null), OffboardMode.PREVIEW);
            previews.add(new Preview(request.getCustomerTenantId(), request));
            return 0;
        } catch (InvalidRequestException e) {
            throw new CliFailure(e.getMessage(), ExitCodes.USAGE);
        }
    }

    private long readFile(RequestEvents events, List<Preview> previews) throws IOException {
        RequestFileReader.Format fileFormat = fileOptions.formatOf(source.file);
        long skipped = 0;
        try (RequestFileReader lines = new RequestFileReader(source.file, fileFormat)) {
            while (lines.hasNext()) {
                RequestFileReader.Line line = lines.next();
                String problem;
                if (line instanceof RequestFileReader.Line.Good good) {
                    try {
                        CustomerOffboardRequested request = events.build(good.input().withDefaults(requestedBy,
                                correlationId), OffboardMode.PREVIEW);
                        previews.add(new Preview(request.getCustomerTenantId(), request));
                        continue;
                    } catch (InvalidRequestException e) {
                        problem = e.getMessage();
                    }
                } else {
                    problem = ((RequestFileReader.Line.Bad) line).reason();
                }
                skipped++;
                context.err().println("line " + line.number() + ": " + problem + " (skipped)");
            }
        }
        context.err().flush();
        if (previews.isEmpty()) {
            throw new CliFailure("--file " + source.file + " holds no valid customer", ExitCodes.USAGE);
        }
        return skipped;
    }

    private Map<String, OffboardAssessed> previewAll(List<Preview> previews) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        previews.forEach(p -> ids.add(p.request().getEventId()));
        boolean bar = source.file != null && fileOptions.showProgress(context.interactive());
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (AssessmentListener listener = new AssessmentListener(connection.clientProperties(), assessedTopic,
                connection.timeout(), context.err())) {
            try (RequestPublisher publisher = new RequestPublisher(connection.clientProperties(),
                    connection.timeout(), topic)) {
                for (Preview preview : previews) {
                    publisher.send(preview.request(), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
                }
                publisher.flush();
            }
            if (failure.get() != null) {
                throw new CliFailure("Kafka did not accept the previews: " + failure.get().getMessage());
            }
            ProgressBar progressBar = new ProgressBar(context.err(), ids.size(), bar, "assessed");
            Map<String, OffboardAssessed> answers = listener.await(ids, wait, progressBar::update);
            progressBar.finish(answers.size());
            return answers;
        }
    }

    private void print(List<Preview> previews, Map<String, OffboardAssessed> answers, List<AssessmentRow> rows,
            long skipped) {
        if (json) {
            previews.stream().map(p -> answers.get(p.request().getEventId())).filter(a -> a != null)
                    .forEach(a -> context.out().println(jsonLine(a)));
        } else {
            AssessmentText text = new AssessmentText(LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC));
            if (source.file == null) {
                OffboardAssessed answer = answers.get(previews.get(0).request().getEventId());
                if (answer != null) {
                    context.out().print(text.single(answer));
                }
            } else {
                if (rows.size() <= AssessmentText.TABLE_ROWS) {
                    context.out().print(text.table(rows));
                } else {
                    context.out().println("  (" + rows.size() + " customers: one row each is in --out)");
                }
                context.out().print(text.summary(rows, answers, skipped));
                if (out != null) {
                    context.out().println("wrote " + rows.size() + " rows to " + out);
                }
            }
        }
        context.out().flush();
    }

    private int exitCode(List<Preview> previews, List<AssessmentRow> rows, long skipped) {
        long unanswered = rows.stream().filter(r -> r.result().equals(AssessmentRow.NOT_ANSWERED)).count();
        if (unanswered > 0) {
            throw new CliFailure(unanswered + " of " + previews.size() + " previews got no assessment: none came "
                    + "for " + wait.toSeconds() + "s (is the consumer running, and does it know previews? see --wait)");
        }
        boolean allRemovable = rows.stream().allMatch(AssessmentRow::removable);
        return allRemovable && skipped == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    private String jsonLine(OffboardAssessed assessed) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", "OffboardAssessed");
        line.put("event", RecordJson.of(assessed));
        try {
            return mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an assessment as JSON", e);
        }
    }

}
