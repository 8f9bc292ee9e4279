package io.github.reselleroffboarding.consumer.it;

import io.github.reselleroffboarding.consumer.app.OffboardingService;
import io.github.reselleroffboarding.consumer.config.ConfigLoader;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.OffboardMode;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.serde.AvroDeserializer;
import io.github.reselleroffboarding.serde.AvroSerializer;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import io.github.reselleroffboarding.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One consumer deployment for one test: its own topics and consumer group on the shared broker, registry and
 * simulator, configured through the same environment variables as production.
 */
final class OffboardingHarness implements AutoCloseable {

    final TestEnvironment env;
    final String requests;
    final String removed;
    final String blocked;
    final String assessed;
    final String deadLetters;
    final String group;
    final Map<String, String> environment = new HashMap<>();
    private final List<OffboardingService> services = new ArrayList<>();
    private final KafkaProducer<byte[], byte[]> producer;
    private final AvroSerializer serializer = new AvroSerializer();

    OffboardingHarness(TestEnvironment env, int partitions) {
        this.env = env;
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.requests = "requests-" + suffix;
        this.removed = "removed-" + suffix;
        this.blocked = "blocked-" + suffix;
        this.assessed = "assessed-" + suffix;
        this.deadLetters = "requests-dlt-" + suffix;
        this.group = "offboarding-" + suffix;
        env.createTopics(partitions, requests, deadLetters);
        env.createTopics(3, removed, blocked, assessed);
        environment.putAll(env.environmentVariables());
        environment.putAll(env.partnerCenterVariables());
        environment.put("OFFBOARD_REQUESTS_TOPIC", requests);
        environment.put("RELATIONSHIP_REMOVED_TOPIC", removed);
        environment.put("OFFBOARD_BLOCKED_TOPIC", blocked);
        environment.put("OFFBOARD_ASSESSED_TOPIC", assessed);
        environment.put("DEAD_LETTER_TOPIC", deadLetters);
        environment.put("CONSUMER_GROUP_ID", group);
        environment.put("CONSUMER_INSTANCE_ID", "it-1");
        environment.put("COMMIT_INTERVAL_MS", "50");
        environment.put("REQUEST_RETRY_BUDGET", "3s");
        environment.put("PARTNER_CENTER_MAX_ATTEMPTS", "3");
        environment.put("PARTNER_CENTER_RETRY_BACKOFF", "20ms");
        environment.put("PARTNER_CENTER_RETRY_MAX_BACKOFF", "100ms");
        environment.put("PARTNER_CENTER_RETRY_MAX_ELAPSED", "2s");
        environment.put("PARTNER_CENTER_TIMEOUT", "2s");
        environment.put("AUTH_PROBE_INTERVAL", "300ms");
        environment.put("SHUTDOWN_TIMEOUT", "5s");
        environment.put("HEALTH_PORT", "0");
        environment.put("MAX_IN_FLIGHT", "100");
        serializer.configure(env.clientProperties(), false);
        producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", env.bootstrapServers(),
                "acks", "all", "enable.idempotence", true), new ByteArraySerializer(), new ByteArraySerializer());
    }

    OffboardingHarness with(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** Starts a consumer instance in this JVM, configured from {@link #environment}. */
    OffboardingService start() {
        OffboardingService service = OffboardingService.start(ConfigLoader.load(environment), Clock.systemUTC());
        services.add(service);
        return service;
    }

    /** Publishes requests keyed by their tenant id, as the CLI does. */
    void publish(CustomerOffboardRequested... requestsToSend) {
        for (CustomerOffboardRequested request : requestsToSend) {
            publishRaw(request.getCustomerTenantId().toLowerCase(java.util.Locale.ROOT),
                    serializer.serialize(requests, request));
        }
        producer.flush();
    }

    /** A record's bytes under any key, or none ({@code null}). */
    void publishRaw(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(requests, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<RelationshipRemoved> removedOutcomes(int expected, Duration within) {
        return values(removed, expected, within, RelationshipRemoved.class);
    }

    List<OffboardBlocked> blockedOutcomes(int expected, Duration within) {
        return values(blocked, expected, within, OffboardBlocked.class);
    }

    List<OffboardAssessed> assessments(int expected, Duration within) {
        return values(assessed, expected, within, OffboardAssessed.class);
    }

    List<ConsumerRecord<String, byte[]>> deadLetterRecords(int expected, Duration within) {
        return TopicReader.readCommitted(env.bootstrapServers(), deadLetters, new ByteArrayDeserializer(), expected,
                within);
    }

    List<ConsumerRecord<String, Object>> outcomeRecords(String topic, int expected, Duration within) {
        return TopicReader.readCommitted(env.bootstrapServers(), topic, specificReader(), expected, within);
    }

    private <T> List<T> values(String topic, int expected, Duration within, Class<T> type) {
        return outcomeRecords(topic, expected, within).stream().map(r -> type.cast(r.value())).toList();
    }

    private AvroDeserializer specificReader() {
        AvroDeserializer deserializer = new AvroDeserializer();
        Map<String, Object> props = new HashMap<>(env.clientProperties());
        props.put("specific.avro.reader", true);
        deserializer.configure(props, false);
        return deserializer;
    }

    /** What a CLI command printed and returned. */
    record CliResult(int exitCode, String out, String err) {
    }

    /** Runs an {@code offboard} command against this harness's topics and environment, as an operator would. */
    CliResult cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = new io.github.reselleroffboarding.producer.OffboardCli(new io.github.reselleroffboarding.producer
                .CliContext(environment, new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
                java.time.Clock.systemUTC(), false)).execute(args);
        return new CliResult(exit, out.toString(), err.toString());
    }

    /** A preview request for {@code tenant}. */
    static CustomerOffboardRequested preview(String tenant) {
        return CustomerOffboardRequested.newBuilder(request(tenant)).setMode(OffboardMode.PREVIEW).build();
    }

    /** Runs {@code offboard replay} against this harness's topics, as an operator would; returns its exit code. */
    int replayDeadLetters(java.io.StringWriter out) {
        return new io.github.reselleroffboarding.producer.OffboardCli(new io.github.reselleroffboarding.producer
                .CliContext(environment, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(new java.io.StringWriter(), true), java.time.Clock.systemUTC(), false))
                .execute("replay", "--idle-timeout", "1s");
    }

    static CustomerOffboardRequested request(String tenant) {
        return request(UUID.randomUUID().toString(), tenant);
    }

    static CustomerOffboardRequested request(String eventId, String tenant) {
        return CustomerOffboardRequested.newBuilder()
                .setEventId(eventId)
                .setCustomerTenantId(tenant)
                .setRequestedAt(Instant.now())
                .setRequestedBy("crm-test")
                .setCorrelationId("corr-" + eventId.substring(0, Math.min(8, eventId.length())))
                .build();
    }

    static String newTenant() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() {
        services.forEach(OffboardingService::close);
        producer.close();
    }
}
