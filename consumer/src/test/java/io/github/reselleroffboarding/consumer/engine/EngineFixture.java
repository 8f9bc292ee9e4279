package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.config.EngineLimits;
import io.github.reselleroffboarding.consumer.config.Topics;
import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import io.github.reselleroffboarding.consumer.health.ServiceHealth;
import io.github.reselleroffboarding.consumer.metrics.ServiceMetrics;
import io.github.reselleroffboarding.consumer.processing.Intents;
import io.github.reselleroffboarding.consumer.processing.RequestAttempt;
import io.github.reselleroffboarding.consumer.processing.RequestHandler;
import io.github.reselleroffboarding.consumer.rules.Blocker;
import io.github.reselleroffboarding.consumer.rules.CustomerSnapshot;
import io.github.reselleroffboarding.consumer.rules.Decision;
import io.github.reselleroffboarding.consumer.rules.FamilyPolicy;
import io.github.reselleroffboarding.consumer.rules.OffboardRequest;
import io.github.reselleroffboarding.consumer.rules.OffboardingRules;
import io.github.reselleroffboarding.consumer.rules.PatchAnswer;
import io.github.reselleroffboarding.consumer.rules.PatchOutcome;
import io.github.reselleroffboarding.consumer.rules.TenantHistory;
import io.github.reselleroffboarding.consumer.rules.Verdict;
import io.github.reselleroffboarding.consumer.state.TenantStateStore;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import io.github.reselleroffboarding.settings.HeaderNames;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One engine on Kafka's own test doubles, stepped turn by turn on the test's thread: no broker, no sockets, no
 * threads of its own. Partner Center is a {@link ScriptedPartnerCenter} the test answers for, time a ticker the
 * test moves.
 */
final class EngineFixture implements AutoCloseable {

    static final String REQUESTS = "requests";
    static final Topics TOPICS = new Topics(REQUESTS, "removed", "blocked", "assessed", "dead-letters", "state");
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(15);
    static final Duration OUTAGE_PROBE_INTERVAL = Duration.ofSeconds(5);

    final ManualTicker ticker = new ManualTicker();
    final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    final ScriptedPartnerCenter partnerCenter = new ScriptedPartnerCenter();
    final ServiceHealth health;
    final ServiceMetrics metrics;
    final TenantStateStore store;
    final OffboardingEngine engine;
    private final Map<TopicPartition, Long> nextOffset = new HashMap<>();

    EngineFixture(Path stateDir, int maxInFlight) {
        this(stateDir, maxInFlight, Duration.ofMinutes(5));
    }

    /** @param retryBudget how long one request may keep failing; the clock it is measured by is the ticker */
    EngineFixture(Path stateDir, int maxInFlight, Duration retryBudget) {
        Clock clock = new TickerClock(ticker);
        health = new ServiceHealth(clock);
        metrics = new ServiceMetrics(new SimpleMeterRegistry(), health, clock);
        store = TenantStateStore.open(Optional.of(stateDir));
        engine = new OffboardingEngine(consumer, producer, new OffboardingEngine.Dependencies(TOPICS,
                new EngineLimits(maxInFlight, retryBudget, COMMIT_INTERVAL, Duration.ofSeconds(20),
                        PROBE_INTERVAL, OUTAGE_PROBE_INTERVAL), new SingleObjectDeserializer(), new SingleObjectSerializer(),
                partnerCenter, new OffboardingRules(FamilyPolicy.DEFAULT),
                new DeadLetters(TOPICS.deadLetter(), "group", true), store, (partitions, into) -> { },
                health, metrics, clock, ticker, new SplittableRandom(7)));
    }

    /** Starts the engine and assigns it {@code partitions} of the request topic. */
    EngineFixture assigned(int... partitions) {
        engine.start();
        List<TopicPartition> tps = new ArrayList<>();
        Map<TopicPartition, Long> beginning = new HashMap<>();
        for (int p : partitions) {
            TopicPartition tp = new TopicPartition(REQUESTS, p);
            tps.add(tp);
            beginning.put(tp, 0L);
        }
        consumer.updateBeginningOffsets(beginning);
        consumer.rebalance(tps);
        return this;
    }

    /** A request for {@code tenant}, keyed by it, on {@code partition}; returns its offset. */
    long publish(int partition, String tenant, String eventId) {
        CustomerOffboardRequested request = CustomerOffboardRequested.newBuilder().setEventId(eventId)
                .setCustomerTenantId(tenant).setRequestedAt(NOW).setRequestedBy("alice").build();
        return publishBytes(partition, tenant, SingleObjectSerializer.encode(request));
    }

    /** A request for {@code tenant} published under another key ({@code null}: none). */
    long publishKeyed(int partition, String key, String tenant, String eventId) {
        CustomerOffboardRequested request = CustomerOffboardRequested.newBuilder().setEventId(eventId)
                .setCustomerTenantId(tenant).setRequestedAt(NOW).setRequestedBy("alice").build();
        TopicPartition tp = new TopicPartition(REQUESTS, partition);
        long offset = nextOffset.merge(tp, 1L, Long::sum) - 1;
        consumer.addRecord(new ConsumerRecord<>(REQUESTS, partition, offset,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), SingleObjectSerializer.encode(request)));
        return offset;
    }

    /** What a committed transaction wrote back to the request topic, as the broker would serve it next. */
    void deliverForwarded(int partition) {
        for (ProducerRecord<byte[], byte[]> record : committedRecords()) {
            if (record.topic().equals(REQUESTS)) {
                TopicPartition tp = new TopicPartition(REQUESTS, partition);
                long offset = nextOffset.merge(tp, 1L, Long::sum) - 1;
                consumer.addRecord(new ConsumerRecord<>(REQUESTS, partition, offset, ConsumerRecord.NO_TIMESTAMP,
                        org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE,
                        ConsumerRecord.NULL_SIZE, record.key(), record.value(), record.headers(),
                        java.util.Optional.empty()));
            }
        }
    }

    /** The same request as {@code offboard replay} sends it back from the dead-letter topic. */
    long publishReplayed(int partition, String tenant, String eventId, String replayedFrom) {
        CustomerOffboardRequested request = CustomerOffboardRequested.newBuilder().setEventId(eventId)
                .setCustomerTenantId(tenant).setRequestedAt(NOW).setRequestedBy("alice").build();
        RecordHeaders headers = new RecordHeaders();
        headers.add(HeaderNames.REPLAYED_FROM, replayedFrom.getBytes(StandardCharsets.UTF_8));
        return publishBytes(partition, tenant, SingleObjectSerializer.encode(request), headers);
    }

    /** A request carrying these headers (trace context, say). */
    long publishWithHeaders(int partition, String tenant, String eventId, Map<String, String> headers) {
        CustomerOffboardRequested request = CustomerOffboardRequested.newBuilder().setEventId(eventId)
                .setCustomerTenantId(tenant).setRequestedAt(NOW).setRequestedBy("alice").build();
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach((name, value) -> recordHeaders.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return publishBytes(partition, tenant, SingleObjectSerializer.encode(request), recordHeaders);
    }

    /** Any bytes as a record's value, keyed by {@code key}; returns its offset. */
    long publishBytes(int partition, String key, byte[] value) {
        return publishBytes(partition, key, value, new RecordHeaders());
    }

    private long publishBytes(int partition, String key, byte[] value, RecordHeaders headers) {
        TopicPartition tp = new TopicPartition(REQUESTS, partition);
        long offset = nextOffset.merge(tp, 1L, Long::sum) - 1;
        consumer.addRecord(new ConsumerRecord<>(REQUESTS, partition, offset, ConsumerRecord.NO_TIMESTAMP,
                org.apache.kafka.common.record.TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, key.getBytes(StandardCharsets.UTF_8), value, headers, java.util.Optional.empty()));
        return offset;
    }

    /** One turn of the engine loop. */
    void turn() {
        engine.turn();
    }

    /** Moves time past the commit interval and turns, so whatever is finished gets committed. */
    void turnAndCommit() {
        ticker.advance(COMMIT_INTERVAL);
        engine.turn();
    }

    /** Turns (committing each time) until nothing changes for a few turns. */
    void settle() {
        for (int i = 0; i < 8; i++) {
            turnAndCommit();
        }
    }

    /** Outcomes committed so far, by topic, as the request event ids they answer. */
    List<String> committedOutcomes(String topic) {
        List<String> ids = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : committedRecords()) {
            if (record.topic().equals(topic)) {
                ids.add(new String(record.headers().lastHeader("offboarding-request-event-id").value(),
                        StandardCharsets.UTF_8));
            }
        }
        return ids;
    }

    /** Records of committed transactions (MockProducer keeps aborted ones out of its history). */
    List<ProducerRecord<byte[], byte[]>> committedRecords() {
        return producer.history();
    }

    /** The last input offset committed for {@code partition}, if any. */
    Optional<Long> committedOffset(int partition) {
        TopicPartition tp = new TopicPartition(REQUESTS, partition);
        Long last = null;
        for (Map<String, Map<TopicPartition, OffsetAndMetadata>> commit : producer.consumerGroupOffsetsHistory()) {
            for (Map<TopicPartition, OffsetAndMetadata> offsets : commit.values()) {
                if (offsets.containsKey(tp)) {
                    last = offsets.get(tp).offset();
                }
            }
        }
        return Optional.ofNullable(last);
    }

    @Override
    public void close() {
        store.close();
    }

    /** A monotonic clock the test moves; {@code step} also moves it on every read, for waits with deadlines. */
    static final class ManualTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();
        private volatile long step;

        @Override
        public long nanos() {
            return nanos.addAndGet(step);
        }

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }

        void stepOnEveryRead(Duration by) {
            step = by.toNanos();
        }

        /** The time now, without the step a read of {@link #nanos()} adds. */
        long peek() {
            return nanos.get();
        }
    }

    /** Wall-clock time that moves with the ticker: {@link #NOW} plus whatever the test advanced. */
    static final class TickerClock extends Clock {
        private final ManualTicker ticker;

        TickerClock(ManualTicker ticker) {
            this.ticker = ticker;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("the engine reads instants only");
        }

        @Override
        public Instant instant() {
            return NOW.plusNanos(ticker.peek());
        }
    }

    /**
     * Partner Center as the test scripts it. A tenant with no script is clean: the checks find nothing and the
     * PATCH (after the intent is committed) answers {@code none}. A held tenant's work waits until the test
     * answers it; a failing tenant fails with the errors given, in order.
     */
    static final class ScriptedPartnerCenter implements RequestHandler {
        final List<String> started = new CopyOnWriteArrayList<>();
        /** The attempt each start was, in order. */
        final List<RequestAttempt> attempts = new CopyOnWriteArrayList<>();
        private final Map<String, Sinks.One<Verdict>> held = new ConcurrentHashMap<>();
        private final Map<String, List<RuntimeException>> failures = new ConcurrentHashMap<>();
        private volatile boolean holdAll;
        private volatile RuntimeException outage;

        @Override
        public Mono<Verdict> process(OffboardRequest request, TenantHistory history, RequestAttempt attempt,
                Intents intents) {
            started.add(request.eventId());
            attempts.add(attempt);
            RuntimeException down = outage;
            if (down != null) {
                return Mono.error(down);
            }
            List<RuntimeException> failing = failures.get(request.tenant().value());
            if (failing != null && !failing.isEmpty()) {
                return Mono.error(failing.remove(0));
            }
            if (holdAll || held.containsKey(request.eventId())) {
                return held.computeIfAbsent(request.eventId(), id -> Sinks.one()).asMono();
            }
            Decision.Remove evidence = new Decision.Remove(0, 0, List.of(), List.of(),
                    CustomerSnapshot.NOT_READ);
            return Mono.defer(intents::removal).then(Mono.fromSupplier(() -> ((PatchOutcome.Answered) new OffboardingRules(
                    FamilyPolicy.DEFAULT).patchAnswered(new PatchAnswer.Accepted(
                    RelationshipToPartner.NONE), evidence, "patch-" + request.eventId(), request.eventId(), NOW))
                    .verdict()));
        }

        /** Every request fails with {@code error} until {@link #recover}, whatever its tenant. */
        void outage(RuntimeException error) {
            outage = error;
        }

        void recover() {
            outage = null;
        }

        /** Requests for {@code eventId} wait until {@link #answerBlocked} or {@link #fail}. */
        void hold(String eventId) {
            held.put(eventId, Sinks.one());
        }

        void holdEverything() {
            holdAll = true;
        }

        void answerBlocked(String eventId) {
            held.get(eventId).tryEmitValue(new Verdict.Blocked(List.of(new Blocker(BlockReasonCode.ACTIVE_SUBSCRIPTION,
                    "held and blocked", "s-1", "Office")), CustomerSnapshot.NOT_READ, NOW));
        }

        void fail(String eventId, RuntimeException error) {
            held.get(eventId).tryEmitError(error);
        }

        /** The next calls for {@code tenant} fail with these, in order. */
        void failNext(String tenant, RuntimeException... errors) {
            failures.put(tenant, new CopyOnWriteArrayList<>(List.of(errors)));
        }

        boolean wasStarted(String eventId) {
            return started.contains(eventId);
        }

        long timesStarted(String eventId) {
            return started.stream().filter(eventId::equals).count();
        }
    }

    /** Avro single-object encoding: the generated classes' own, so no registry is needed. */
    static final class SingleObjectSerializer implements Serializer<Object> {
        @Override
        public byte[] serialize(String topic, Object data) {
            return encode((SpecificRecord) data);
        }

        static byte[] encode(SpecificRecord record) {
            try {
                ByteBuffer buffer = new BinaryMessageEncoder<SpecificRecord>(SpecificData.get(), record.getSchema())
                        .encode(record);
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static final class SingleObjectDeserializer implements Deserializer<Object> {
        @Override
        public Object deserialize(String topic, byte[] data) {
            try {
                return CustomerOffboardRequested.fromByteBuffer(ByteBuffer.wrap(data));
            } catch (java.io.IOException e) {
                throw new org.apache.kafka.common.errors.SerializationException("not a request", e);
            }
        }
    }

    static Collection<TopicPartition> partitions(int... numbers) {
        List<TopicPartition> tps = new ArrayList<>();
        for (int n : numbers) {
            tps.add(new TopicPartition(REQUESTS, n));
        }
        return tps;
    }
}
