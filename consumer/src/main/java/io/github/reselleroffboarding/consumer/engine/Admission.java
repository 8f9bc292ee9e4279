package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import io.github.reselleroffboarding.consumer.metrics.ServiceMetrics;
import io.github.reselleroffboarding.consumer.metrics.Tally;
import io.github.reselleroffboarding.consumer.outcome.OutcomeFactory;
import io.github.reselleroffboarding.consumer.rules.Arrival;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.rules.Validation;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.ids.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes fetched records in: a record that cannot be decoded is dead-lettered at once; one that cannot be decoded
 * yet because the Schema Registry is unreachable is fetched again later (its partition waits); an invalid request
 * is answered at once without calling Partner Center; a valid one keyed by anything but its canonical tenant id
 * is forwarded to the partition of that key ({@link Forwarding}); the rest go to the {@link LaneScheduler}.
 */
final class Admission {

    private static final Logger log = LoggerFactory.getLogger(Admission.class);
    static final Duration DECODE_RETRY = Duration.ofSeconds(2);

    private final RequestDecoder decoder;
    private final OffboardingRules rules;
    private final PartitionOffsets offsets;
    private final LaneScheduler scheduler;
    private final OutcomeEmitter emitter;
    private final TransactionCommitter committer;
    private final DeadLetters deadLetters;
    private final ServiceMetrics metrics;
    private final Ticker ticker;
    private final Clock clock;
    private final IntSupplier requestPartitions;
    private final Map<TopicPartition, Long> decodePausedUntil = new HashMap<>();
    private String registryProblem;

    Admission(RequestDecoder decoder, OffboardingRules rules, PartitionOffsets offsets, LaneScheduler scheduler,
            OutcomeEmitter emitter, TransactionCommitter committer, DeadLetters deadLetters, ServiceMetrics metrics,
            Ticker ticker, Clock clock, IntSupplier requestPartitions) {
        this.decoder = decoder;
        this.rules = rules;
        this.offsets = offsets;
        this.scheduler = scheduler;
        this.emitter = emitter;
        this.committer = committer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.ticker = ticker;
        this.clock = clock;
        this.requestPartitions = requestPartitions;
    }

    /** @param seek rewinds a partition to an offset, to fetch a record again */
    void admit(ConsumerRecords<byte[], byte[]> records, BiConsumer<TopicPartition, Long> seek) {
        if (records.isEmpty()) {
            return;
        }
        // once per fetch, not per record: the count changes only with the topic's metadata
        int partitionCount = requestPartitions.getAsInt();
        for (TopicPartition tp : records.partitions()) {
            Optional<PartitionProgress> partition = offsets.of(tp);
            if (partition.isEmpty()) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                PartitionProgress.Slot slot = partition.get().admit(record.offset());
                RequestDecoder.Decoded decoded = decoder.decode(record);
                if (decoded instanceof RequestDecoder.Decoded.RegistryUnavailable unavailable) {
                    // the record is fine; read it again once the registry answers
                    partition.get().forgetFrom(record.offset());
                    seek.accept(tp, record.offset());
                    decodePausedUntil.put(tp, ticker.nanos() + DECODE_RETRY.toNanos());
                    registryProblem = "Schema Registry unavailable: " + unavailable.reason().getMessage();
                    log.warn("Cannot decode {}@{} yet, the Schema Registry is unavailable ({}); retrying in {}", tp,
                            record.offset(), unavailable.reason().getMessage(), DECODE_RETRY);
                    break;
                }
                if (decoded instanceof RequestDecoder.Decoded.Poison poison) {
                    log.atWarn().addKeyValue("partition", tp.partition()).addKeyValue("offset", record.offset())
                            .log("Dead-lettering unreadable record {}@{}: {}", tp, record.offset(),
                                    poison.reason().getMessage());
                    committer.output(tp, deadLetters.of(record, poison.reason()),
                            new Tally.DeadLetter(Tally.DeadLetterCause.UNREADABLE));
                    slot.done = true;
                    continue;
                }
                admitRequest(tp, slot, record, ((RequestDecoder.Decoded.Request) decoded).value(), partitionCount);
            }
        }
    }

    /** Partitions waiting for the Schema Registry, which must stay paused. */
    Set<TopicPartition> waitingForRegistry() {
        expirePauses();
        return Set.copyOf(decodePausedUntil.keySet());
    }

    /** Why partitions wait, while any does. */
    Optional<String> registryProblem() {
        expirePauses();
        return decodePausedUntil.isEmpty() ? Optional.empty() : Optional.ofNullable(registryProblem);
    }

    private void expirePauses() {
        long now = ticker.nanos();
        decodePausedUntil.values().removeIf(until -> until - now <= 0);
    }

    void released(Collection<TopicPartition> partitions) {
        partitions.forEach(decodePausedUntil::remove);
    }

    private void admitRequest(TopicPartition tp, PartitionProgress.Slot slot, ConsumerRecord<byte[], byte[]> record,
            CustomerOffboardRequested request, int partitionCount) {
        Optional<TenantId> tenant = TenantId.tryParse(request.getCustomerTenantId());
        if (tenant.isPresent()) {
            Optional<ProducerRecord<byte[], byte[]>> forward = Forwarding.ifElsewhere(record, tenant.get(),
                    partitionCount);
            if (forward.isPresent()) {
                // the tenant's state, order and idempotency live in its canonical key's partition: go there
                log.debug("{}@{} (key '{}') belongs to partition {} of its canonical tenant id {}: forwarding it",
                        tp, record.offset(), record.key() == null ? "(none)"
                                : abbreviate(new String(record.key(), StandardCharsets.UTF_8)),
                        forward.get().partition(), tenant.get());
                committer.output(tp, forward.get(), new Tally.Forwarded());
                slot.done = true;
                return;
            }
        }
        Validation validation = rules.validate(request);
        if (validation instanceof Validation.Invalid invalid) {
            answerInvalid(tp, slot, invalid, record.headers());
            return;
        }
        scheduler.admit(new Work(record, tp, slot, ((Validation.Valid) validation).request()));
    }

    private static String abbreviate(String key) {
        return key.length() <= 64 ? key : key.substring(0, 64) + "…";
    }

    private void answerInvalid(TopicPartition tp, PartitionProgress.Slot slot, Validation.Invalid invalid,
            org.apache.kafka.common.header.Headers requestHeaders) {
        String eventId = invalid.eventId() == null ? tp + "@" + slot.offset : invalid.eventId();
        boolean remember = rules.remembers(invalid);
        if (remember && rules.onArrival(eventId, committer.stateOf(tp, invalid.tenantKey()))
                == Arrival.ALREADY_ANSWERED) {
            metrics.duplicate();
            slot.done = true;
            return;
        }
        Verdict verdict = rules.rejectInvalid(invalid, clock.instant());
        emitter.emitInvalid(tp, new OutcomeFactory.RequestRef(eventId, invalid.tenantKey(), invalid.requestedBy(),
                invalid.correlationId()), null, requestHeaders, verdict, remember,
                String.join("; ", invalid.problems()));
        slot.done = true;
    }
}
