package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.config.Topics;
import io.github.reselleroffboarding.consumer.metrics.Tally;
import io.github.reselleroffboarding.consumer.metrics.Tally.OutcomeKind;
import io.github.reselleroffboarding.consumer.outcome.OutcomeFactory;
import io.github.reselleroffboarding.consumer.rules.Blocker;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.settings.HeaderNames;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a verdict into its outcome record, keyed by the tenant and carrying the request's event id as a header,
 * and the request's trace context ({@code traceparent}, {@code tracestate}, {@code baggage}),
 * and stages it with the tenant's new state for the next transaction: the outcome and the memory of having
 * answered always commit together.
 */
final class OutcomeEmitter {

    private static final Logger log = LoggerFactory.getLogger(OutcomeEmitter.class);

    private final Topics topics;
    private final Serializer<Object> serializer;
    private final TransactionCommitter committer;
    private final Clock clock;
    private final OutcomeFactory outcomes = new OutcomeFactory();

    OutcomeEmitter(Topics topics, Serializer<Object> serializer, TransactionCommitter committer, Clock clock) {
        this.topics = topics;
        this.serializer = serializer;
        this.committer = committer;
        this.clock = clock;
    }

    /**
     * Stages the outcome of a request.
     *
     * @param requestedAt when the request says it was made (its latency is measured from it), or null
     * @param remember whether the tenant's state records the answer (so a second copy gets no second one)
     */
    void emit(TopicPartition source, OutcomeFactory.RequestRef request, Instant requestedAt, Headers requestHeaders,
            Context trace, Verdict verdict, boolean remember) {
        stage(source, request, requestedAt, requestHeaders, trace, verdict, remember, false);
    }

    /** Stages the answer to an invalid request, which never reached Partner Center. */
    void emitInvalid(TopicPartition source, OutcomeFactory.RequestRef request, Instant requestedAt,
            Headers requestHeaders, Verdict verdict, boolean remember, String problems) {
        log.debug("Request {} is invalid ({}); answered without calling Partner Center", request.requestEventId(),
                problems);
        stage(source, request, requestedAt, requestHeaders, Context.current(), verdict, remember, true);
    }

    private void stage(TopicPartition source, OutcomeFactory.RequestRef request, Instant requestedAt,
            Headers requestHeaders, Context trace, Verdict verdict, boolean remember, boolean invalid) {
        SpecificRecord event;
        String topic;
        OutcomeKind kind;
        List<BlockReasonCode> codes = List.of();
        boolean removedByThisRequest = false;
        if (verdict instanceof Verdict.Removed removed) {
            event = outcomes.removed(request, removed);
            topic = topics.removed();
            kind = removed.alreadyRemoved() ? OutcomeKind.ALREADY_REMOVED : OutcomeKind.REMOVED;
            removedByThisRequest = removed.removedByThisRequest();
            // per request: DEBUG, as the outcome topics are the audit trail (INFO at a thousand a second is noise)
            log.debug("Tenant {}: relationship removed{} (request {}, correlation {})", request.tenantKey(),
                    removed.alreadyRemoved() ? " earlier; no PATCH sent" : "", request.requestEventId(),
                    request.correlationId());
        } else if (verdict instanceof Verdict.Assessed assessed) {
            event = outcomes.assessed(request, assessed);
            topic = topics.assessed();
            kind = invalid ? OutcomeKind.INVALID : OutcomeKind.ASSESSED;
            codes = assessed.blockers().stream().map(Blocker::code).distinct().toList();
            // a preview is not an audit event; its answer is the record, so the line stays quiet
            log.debug("Tenant {}: assessed, {} (request {}, correlation {})", request.tenantKey(),
                    assessed.removable() ? "removable" : assessed.blockers().size() + " blockers",
                    request.requestEventId(), request.correlationId());
        } else {
            Verdict.Blocked blocked = (Verdict.Blocked) verdict;
            event = outcomes.blocked(request, blocked);
            topic = topics.blocked();
            kind = invalid ? OutcomeKind.INVALID : OutcomeKind.BLOCKED;
            codes = blocked.blockers().stream().map(Blocker::code).distinct().toList();
            if (!invalid) {
                log.debug("Tenant {}: removal blocked by {} (request {}, correlation {})", request.tenantKey(),
                        blocked.blockers().stream().map(b -> b.code().name()).distinct().toList(),
                        request.requestEventId(), request.correlationId());
            }
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(HeaderNames.REQUEST_EVENT_ID, request.requestEventId().getBytes(StandardCharsets.UTF_8));
        for (String name : HeaderNames.TRACE_CONTEXT) {
            Header header = requestHeaders.lastHeader(name);
            if (header != null) {
                headers.add(name, header.value());
            }
        }
        committer.output(source, new ProducerRecord<>(topic, null,
                request.tenantKey().getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, event), headers),
                new Tally.Outcome(kind, codes, requestedAt), trace);
        if (remember) {
            committer.stage(source, request.tenantKey(), committer.stateOf(source, request.tenantKey())
                    .withAnswer(request.requestEventId(), event.getSchema().getName(), clock.instant(),
                            removedByThisRequest));
        }
    }
}
