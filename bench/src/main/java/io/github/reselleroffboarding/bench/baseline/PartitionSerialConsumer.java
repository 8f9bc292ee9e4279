package io.github.reselleroffboarding.bench.baseline;

import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import io.github.reselleroffboarding.consumer.outcome.OutcomeFactory;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The baseline: what a plain Kafka listener does. One thread per partition takes one record at a time, calls
 * Partner Center with the same client, blocking on each call in turn (entitlements, subscriptions, then the
 * PATCH), applies the same rules, sends the outcome, and commits the offsets after each poll. Not crippled: the
 * same client with its connection pool, retries and rate limiter, no transactions to pay for, outcome sends
 * that do not wait for the broker, and failures dead-lettered as Spring Kafka's recoverer would.
 */
public final class PartitionSerialConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionSerialConsumer.class);

    private final ConsumerSettings settings;
    private final PartnerCenterClient partnerCenter;
    private final OffboardingRules rules;
    private final RequestProcessor processor;
    private final OutcomeFactory outcomes = new OutcomeFactory();
    private final DeadLetters deadLetters;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroSerializer outcomeSerializer = new AvroSerializer();
    private final Clock clock;
    private final List<Worker> workers = new ArrayList<>();

    public PartitionSerialConsumer(ConsumerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.partnerCenter = PartnerCenterClient.create(settings.partnerCenter());
        this.rules = new OffboardingRules(settings.policy());
        this.processor = new RequestProcessor(partnerCenter, rules, clock, settings.activityLogAvailable());
        this.deadLetters = new DeadLetters(settings.topics().deadLetter(), settings.kafka().groupId(), true);
        outcomeSerializer.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, settings.kafka().schemaRegistryUrl()), false);
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Starts one thread per partition of the request topic and returns how many. */
    public int start() {
        List<PartitionInfo> partitions = producer.partitionsFor(settings.topics().requests());
        for (PartitionInfo info : partitions) {
            Worker worker = new Worker(new TopicPartition(info.topic(), info.partition()));
            workers.add(worker);
            worker.thread.start();
        }
        return partitions.size();
    }

    @Override
    public void close() {
        workers.forEach(Worker::stop);
        for (Worker worker : workers) {
            try {
                worker.thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(10));
        partnerCenter.close();
    }

    private final class Worker {

        private final TopicPartition partition;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final AvroDeserializer requests = new AvroDeserializer();
        private final Thread thread;
        private volatile boolean running = true;

        Worker(TopicPartition partition) {
            this.partition = partition;
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.kafka().groupId());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            requests.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, settings.kafka().schemaRegistryUrl(),
                    AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
            this.thread = new Thread(this::run, "baseline-" + partition);
        }

        void stop() {
            running = false;
            consumer.wakeup();
        }

        private void run() {
            try {
                consumer.assign(List.of(partition));
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                    long next = -1;
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (!running) {
                            break;
                        }
                        handle(record);
                        next = record.offset() + 1;
                    }
                    if (next >= 0) {
                        producer.flush();
                        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
                    }
                }
            } catch (WakeupException e) {
                // stop() was called
            } finally {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }

        private void handle(ConsumerRecord<byte[], byte[]> record) {
            CustomerOffboardRequested request;
            try {
                request = (CustomerOffboardRequested) requests.deserialize(record.topic(), record.headers(),
                        record.value());
            } catch (RuntimeException unreadable) {
                producer.send(deadLetters.of(record, unreadable));
                return;
            }
            Validation validation = rules.validate(request);
            if (validation instanceof Validation.Invalid invalid) {
                String eventId = invalid.eventId() == null ? partition + "@" + record.offset() : invalid.eventId();
                emit(new OutcomeFactory.RequestRef(eventId, invalid.tenantKey(), invalid.requestedBy(),
                        invalid.correlationId()), rules.rejectInvalid(invalid, clock.instant()));
                return;
            }
            OffboardRequest valid = ((Validation.Valid) validation).request();
            Verdict verdict;
            try {
                verdict = decide(valid);
            } catch (RuntimeException failed) {
                log.warn("Dead-lettering request {}: {}", valid.eventId(), failed.getMessage());
                producer.send(deadLetters.of(record, failed));
                return;
            }
            OutcomeFactory.RequestRef ref = new OutcomeFactory.RequestRef(valid.eventId(), valid.tenant().value(),
                    valid.requestedBy(), valid.correlationId());
            emit(ref, verdict);
        }

        private void emit(OutcomeFactory.RequestRef ref, Verdict verdict) {
            if (verdict instanceof Verdict.Removed removed) {
                emit(settings.topics().removed(), ref.tenantKey(), ref.requestEventId(), outcomes.removed(ref, removed));
            } else if (verdict instanceof Verdict.Assessed assessed) {
                emit(settings.topics().assessed(), ref.tenantKey(), ref.requestEventId(),
                        outcomes.assessed(ref, assessed));
            } else {
                emit(settings.topics().blocked(), ref.tenantKey(), ref.requestEventId(),
                        outcomes.blocked(ref, (Verdict.Blocked) verdict));
            }
        }

        /**
         * The same reads, rules and removal as the service (its own request processor), each request waited for
         * before the next. It keeps no memory of earlier requests (a plain listener has none) and writes no intent.
         */
        private Verdict decide(OffboardRequest request) {
            return processor.process(request, TenantHistory.NONE, RequestAttempt.FIRST, Mono::empty).block();
        }

        private void emit(String topic, String key, String requestEventId, SpecificRecord event) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(HeaderNames.REQUEST_EVENT_ID, requestEventId.getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8),
                    outcomeSerializer.serialize(topic, event), headers));
        }
    }
}
