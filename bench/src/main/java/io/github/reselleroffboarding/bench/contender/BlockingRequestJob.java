package io.github.reselleroffboarding.bench.contender;

import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import io.github.reselleroffboarding.consumer.outcome.OutcomeFactory;
import io.github.reselleroffboarding.consumer.processing.Intents;
import io.github.reselleroffboarding.consumer.processing.RequestAttempt;
import io.github.reselleroffboarding.consumer.processing.RequestProcessor;
import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import io.github.reselleroffboarding.consumer.rules.Validation;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.partnercenter.PartnerCenterClient;
import io.github.reselleroffboarding.serde.AvroDeserializer;
import io.github.reselleroffboarding.serde.AvroSerdeConfig;
import io.github.reselleroffboarding.serde.AvroSerializer;
import io.github.reselleroffboarding.settings.HeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request handled the way a thread-per-request consumer does it, shared by the bench's peers: decode it, run
 * the service's own request processor (the same reads, rules and PATCH) and wait for its verdict, and return the
 * one record to publish for it: the outcome keyed by tenant, or a dead letter. It keeps no memory of earlier
 * requests and writes no intent, as a plain listener would not. Safe to call from many threads at once.
 */
public final class BlockingRequestJob {

    private static final Logger log = LoggerFactory.getLogger(BlockingRequestJob.class);

    private final ConsumerSettings settings;
    private final OffboardingRules rules;
    private final RequestProcessor processor;
    private final OutcomeFactory outcomes = new OutcomeFactory();
    private final DeadLetters deadLetters;
    private final AvroDeserializer requests = new AvroDeserializer();
    private final AvroSerializer outcomeSerializer = new AvroSerializer();
    private final Clock clock;

    public BlockingRequestJob(ConsumerSettings settings, PartnerCenterClient partnerCenter, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.rules = new OffboardingRules(settings.policy());
        this.processor = new RequestProcessor(partnerCenter, rules, clock, settings.activityLogAvailable());
        this.deadLetters = new DeadLetters(settings.topics().deadLetter(), settings.kafka().groupId(), true);
        requests.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, settings.kafka().schemaRegistryUrl(),
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
        outcomeSerializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, settings.kafka().schemaRegistryUrl()),
                false);
    }

    /**
     * The record to publish for {@code record}. A failure for which {@code retriedByCaller} says yes is thrown for
     * the caller to retry the record; any other is dead-lettered.
     */
    public ProducerRecord<byte[], byte[]> handle(ConsumerRecord<byte[], byte[]> record,
            Predicate<RuntimeException> retriedByCaller) {
        CustomerOffboardRequested request;
        try {
            request = (CustomerOffboardRequested) requests.deserialize(record.topic(), record.headers(),
                    record.value());
        } catch (RuntimeException unreadable) {
            return deadLetters.of(record, unreadable);
        }
        Validation validation = rules.validate(request);
        if (validation instanceof Validation.Invalid invalid) {
            String eventId = invalid.eventId() == null ? record.partition() + "@" + record.offset() : invalid.eventId();
            return outcome(new OutcomeFactory.RequestRef(eventId, invalid.tenantKey(), invalid.requestedBy(),
                    invalid.correlationId()), rules.rejectInvalid(invalid, clock.instant()));
        }
        OffboardRequest valid = ((Validation.Valid) validation).request();
        Verdict verdict;
        try {
            verdict = processor.process(valid, TenantHistory.NONE, RequestAttempt.FIRST, Intents.NONE).block();
        } catch (RuntimeException failed) {
            if (retriedByCaller.test(failed)) {
                throw failed;
            }
            log.warn("Dead-lettering request {}: {}", valid.eventId(), failed.getMessage());
            return deadLetters.of(record, failed);
        }
        return outcome(new OutcomeFactory.RequestRef(valid.eventId(), valid.tenant().value(), valid.requestedBy(),
                valid.correlationId()), verdict);
    }

    private ProducerRecord<byte[], byte[]> outcome(OutcomeFactory.RequestRef ref, Verdict verdict) {
        if (verdict instanceof Verdict.Removed removed) {
            return outcome(settings.topics().removed(), ref, outcomes.removed(ref, removed));
        }
        if (verdict instanceof Verdict.Assessed assessed) {
            return outcome(settings.topics().assessed(), ref, outcomes.assessed(ref, assessed));
        }
        return outcome(settings.topics().blocked(), ref, outcomes.blocked(ref, (Verdict.Blocked) verdict));
    }

    private ProducerRecord<byte[], byte[]> outcome(String topic, OutcomeFactory.RequestRef ref, SpecificRecord event) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HeaderNames.REQUEST_EVENT_ID, ref.requestEventId().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, ref.tenantKey().getBytes(StandardCharsets.UTF_8),
                outcomeSerializer.serialize(topic, event), headers);
    }
}
