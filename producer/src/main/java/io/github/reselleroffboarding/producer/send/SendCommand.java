package io.github.reselleroffboarding.producer.send;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardMode;
import io.github.reselleroffboarding.producer.CliContext;
import io.github.reselleroffboarding.producer.CliFailure;
import io.github.reselleroffboarding.producer.ConnectionOptions;
import io.github.reselleroffboarding.producer.ExitCodes;
import io.github.reselleroffboarding.producer.KafkaPreflight;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code offboard send}: publish one request from flags, or many from a JSON Lines or CSV file. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Publish CustomerOffboardRequested events, keyed by the canonical lower-case tenant id.",
            "One request: --tenant and --requested-by. Many: --file requests.jsonl (or .csv with a header row);",
            "a bad line is reported with its line number and skipped, the rest are sent.",
            "Exit codes: 0 all sent, 1 failure, 2 usage error, 3 sent but some lines were skipped."})
public final class SendCommand implements Callable<Integer> {

    static final class Single {
        @Option(names = "--tenant", required = true, paramLabel = "GUID",
                description = "Customer tenant id (any letter case; sent in lower case).")
        String tenant;

        @Option(names = "--requested-by", required = true, paramLabel = "WHO",
                description = "Who asks, for the audit trail.")
        String requestedBy;

        @Option(names = "--reason", description = "Free text for the audit trail.")
        String reason;

        @Option(names = "--correlation-id", paramLabel = "ID", description = "Tracing id carried into the outcome.")
        String correlationId;

        @Option(names = "--event-id", paramLabel = "UUID", description = "Idempotency key; generated when absent.")
        String eventId;
    }

    static final class Source {
        @ArgGroup(exclusive = false, heading = "One request:%n")
        Single single;

        @Option(names = "--file", paramLabel = "FILE",
                description = "Requests in JSON Lines (fields customerTenantId, requestedBy, reason, correlationId, "
                        + "eventId, cleanup) or CSV with a header naming those columns; cleanup true consents to a "
                        + "clean-up for that request.")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Requests topic (env OFFBOARD_REQUESTS_TOPIC; default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--cleanup", description = {"Consent to a clean-up for every request sent (cleanup: true): the "
            + "consumer suspends, cancels inside the window or turns auto-renew off where its clean-up policy "
            + "(CLEANUP_*) allows, before the removal. Without it nothing but the removal is ever written.",
        "Preview first with `offboard check`: it lists the writes a clean-up would send."})
    boolean cleanup;

    @Mixin
    RequestFileOptions fileOptions;

    @Mixin
    ConnectionOptions connection;

    private final CliContext context;

    public SendCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        RequestFileReader.Format fileFormat = source.file == null ? null : fileOptions.formatOf(source.file);
        RequestEvents events = new RequestEvents(context.clock());
        CustomerOffboardRequested single = source.single == null ? null : buildSingle(events);
        KafkaPreflight.requireTopics(connection.clientProperties(), connection.timeout(), List.of(topic));
        try (RequestPublisher publisher = new RequestPublisher(connection.clientProperties(), connection.timeout(),
                topic)) {
            return single != null ? sendOne(publisher, single) : sendFile(publisher, events, source.file, fileFormat);
        }
    }

    private CustomerOffboardRequested buildSingle(RequestEvents events) {
        Single s = source.single;
        try {
            return events.build(new RequestInput(s.tenant, s.requestedBy, s.reason, s.correlationId, s.eventId),
                    OffboardMode.REMOVE, cleanup);
        } catch (InvalidRequestException e) {
            throw new CliFailure(e.getMessage(), ExitCodes.USAGE);
        }
    }

    private int sendOne(RequestPublisher publisher, CustomerOffboardRequested request) {
        RecordMetadata sent;
        try {
            sent = publisher.send(request, null).get();
        } catch (ExecutionException e) {
            throw new CliFailure("Kafka did not accept the request: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
        context.out().println("sent eventId=" + request.getEventId() + " tenant=" + request.getCustomerTenantId()
                + (request.getCleanup() ? " cleanup=true" : "") + " to " + sent.topic() + "-" + sent.partition() + "@"
                + sent.offset());
        context.out().flush();
        return ExitCodes.OK;
    }

    private int sendFile(RequestPublisher publisher, RequestEvents events, Path file,
            RequestFileReader.Format fileFormat) throws IOException {
        long total = RequestFileReader.countRequests(file, fileFormat);
        ProgressBar bar = new ProgressBar(context.err(), total, fileOptions.showProgress(context.interactive()));
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long skipped = 0;
        long handled = 0;
        try (RequestFileReader lines = new RequestFileReader(file, fileFormat)) {
            while (lines.hasNext()) {
                RequestFileReader.Line line = lines.next();
                handled++;
                CustomerOffboardRequested request = null;
                String problem = null;
                if (line instanceof RequestFileReader.Line.Bad bad) {
                    problem = bad.reason();
                } else if (line instanceof RequestFileReader.Line.Good good) {
                    try {
                        request = events.build(good.input(), OffboardMode.REMOVE, cleanup);
                    } catch (InvalidRequestException e) {
                        problem = e.getMessage();
                    }
                }
                if (problem != null) {
                    skipped++;
                    context.err().println((fileOptions.showProgress(context.interactive()) ? "\r" : "") + "line " + line.number() + ": " + problem
                            + " (skipped)");
                    continue;
                }
                publisher.send(request, (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, error);
                    }
                });
                bar.update(handled);
            }
        }
        publisher.flush();
        bar.finish(handled);
        context.out().println("sent " + acknowledged.get() + " of " + (handled - skipped) + " requests from " + file
                + " to " + topic + "; " + skipped + " bad line" + (skipped == 1 ? "" : "s") + " skipped"
                + (failed.get() > 0 ? "; " + failed.get() + " failed" : ""));
        context.out().flush();
        if (failed.get() > 0) {
            throw new CliFailure(failed.get() + " requests were not accepted by Kafka, first: "
                    + firstFailure.get().getMessage());
        }
        return skipped > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

}
