package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.consumer.app.OffboardingService;
import io.github.reselleroffboarding.consumer.deadletter.DeadLetters;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.serde.AvroSerializer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import io.github.reselleroffboarding.testkit.TopicReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an upstream system with bugs sends, several thousand records of every bad shape mixed with good requests,
 * against the real broker, registry and simulator: the service never stops or restarts, every good request gets
 * its one outcome, every bad record is accounted for as {@code INVALID_REQUEST} or a dead letter with Spring's
 * headers, and input records = outcomes + dead letters. The records come from a seeded generator, so a failure
 * can be replayed.
 */
@IntegrationTest
class BadRecordsFuzzIT {

    static final long SEED = 20261201L;
    static final int GOOD = 600;
    static final int BAD = 3_000;

    final TestEnvironment env;
    final SplittableRandom random = new SplittableRandom(SEED);
    OffboardingHarness harness;
    AvroSerializer serializer;

    BadRecordsFuzzIT(TestEnvironment env) {
        this.env = env;
    }

    @BeforeEach
    void start() {
        env.resetPartnerCenter();
        harness = new OffboardingHarness(env, 4).with("MAX_IN_FLIGHT", "200");
        serializer = new AvroSerializer();
        serializer.configure(env.clientProperties(), false);
    }

    @AfterEach
    void stop() {
        harness.close();
        env.resetPartnerCenter();
    }

    @Test
    void everyRecordIsAnsweredOnceOrDeadLetteredAndTheServiceNeverStops() {
        int schemaId = ByteBuffer.wrap(serializer.serialize(harness.requests, request(newTenant())), 1, 4).getInt();
        byte[] otherSchema = serializer.serialize("other-" + harness.requests, RelationshipRemoved.newBuilder()
                .setEventId("o-1").setRequestEventId("e-1").setCustomerTenantId(newTenant()).setRemovedAt(Instant.EPOCH)
                .setRequestedBy("x").setAlreadyRemoved(false).build());
        Set<String> goodEventIds = new HashSet<>();
        Set<String> invalidEventIds = new HashSet<>();
        int deadLettersExpected = 0;
        Map<String, Integer> shapes = new HashMap<>();
        List<Runnable> sends = new ArrayList<>();
        for (int i = 0; i < GOOD; i++) {
            String tenant = newTenant();
            env.partnerCenter().putCustomer(SeedCustomer.customer(tenant).build());
            CustomerOffboardRequested good = request(tenant);
            goodEventIds.add(good.getEventId());
            sends.add(() -> harness.publish(good));
        }
        for (int i = 0; i < BAD; i++) {
            int shape = random.nextInt(11);
            String key = random.nextInt(4) == 0 ? null : newTenant();
            byte[] value;
            switch (shape) {
                case 0 -> value = randomBytes(random.nextInt(0, 200));
                case 1 -> value = withHeader(random.nextInt(1, 256), schemaId, randomBytes(20)); // wrong magic
                case 2 -> value = withHeader(0, 900_000 + random.nextInt(1000), randomBytes(30)); // unknown id
                case 3 -> { // a good body cut short
                    byte[] whole = serializer.serialize(harness.requests, request(newTenant()));
                    value = Arrays.copyOf(whole, 5 + random.nextInt(1, whole.length - 6));
                }
                case 4 -> value = withHeader(0, schemaId, varint(1_000_000_000L + random.nextInt(1000))); // huge
                case 5 -> value = null;
                case 6 -> value = new byte[0];
                case 7 -> value = otherSchema;
                default -> value = null;
            }
            if (shape <= 7) {
                deadLettersExpected++;
                byte[] v = value;
                sends.add(() -> harness.publishRaw(key, v));
            } else {
                // decodable, but not a valid request: answered INVALID_REQUEST without calling Partner Center
                String eventId = UUID.randomUUID().toString();
                invalidEventIds.add(eventId);
                CustomerOffboardRequested.Builder bad = CustomerOffboardRequested.newBuilder().setEventId(eventId)
                        .setCustomerTenantId(newTenant()).setRequestedAt(Instant.now()).setRequestedBy("crm-test");
                switch (shape) {
                    case 8 -> bad.setCustomerTenantId("tenant-" + random.nextInt());
                    case 9 -> bad.setRequestedBy(" ");
                    default -> bad.setCustomerTenantId(i % 100 == 0 ? "x".repeat(600_000) : "");
                }
                CustomerOffboardRequested built = bad.build();
                sends.add(() -> harness.publishRaw(key, serializer.serialize(harness.requests, built)));
            }
            shapes.merge("shape-" + shape, 1, Integer::sum);
        }
        java.util.Collections.shuffle(sends, new java.util.Random(SEED));
        OffboardingService service = harness.start();

        sends.forEach(Runnable::run);

        int inputs = GOOD + BAD;
        List<ConsumerRecord<String, byte[]>> removed = read(harness.removed, goodEventIds.size());
        List<ConsumerRecord<String, byte[]>> blocked = read(harness.blocked, invalidEventIds.size());
        List<ConsumerRecord<String, byte[]>> dead = harness.deadLetterRecords(deadLettersExpected,
                Duration.ofMinutes(3));
        assertThat(requestEventIds(removed)).as("one outcome per good request").hasSize(GOOD)
                .containsExactlyInAnyOrderElementsOf(goodEventIds);
        assertThat(requestEventIds(blocked)).as("one INVALID_REQUEST per invalid request (shapes %s)", shapes)
                .hasSize(invalidEventIds.size()).containsExactlyInAnyOrderElementsOf(invalidEventIds);
        assertThat(dead).as("one dead letter per unreadable record (shapes %s)", shapes).hasSize(deadLettersExpected)
                .allSatisfy(d -> {
                    assertThat(d.headers().lastHeader(DeadLetters.EXCEPTION_FQCN)).isNotNull();
                    assertThat(d.headers().lastHeader(DeadLetters.ORIGINAL_OFFSET)).isNotNull();
                });
        assertThat(removed.size() + blocked.size() + dead.size()).isEqualTo(inputs);
        // nothing more comes later: asking for one more than expected never gets it (a slow read gets fewer,
        // which cannot fail this), and the engine never had to start again
        assertThat(read(harness.removed, GOOD + 1, Duration.ofSeconds(15))).hasSizeLessThanOrEqualTo(GOOD);
        assertThat(read(harness.blocked, invalidEventIds.size() + 1, Duration.ofSeconds(15)))
                .hasSizeLessThanOrEqualTo(invalidEventIds.size());
        assertThat(service.metrics().engineRestarts()).isZero();
        assertThat(service.health().isReady()).isTrue();
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic, int expected) {
        return read(topic, expected, Duration.ofMinutes(3));
    }

    private List<ConsumerRecord<String, byte[]>> read(String topic, int expected, Duration within) {
        return TopicReader.readCommitted(env.bootstrapServers(), topic, new ByteArrayDeserializer(), expected,
                within);
    }

    private static List<String> requestEventIds(List<ConsumerRecord<String, byte[]>> outcomes) {
        return outcomes.stream().map(r -> new String(r.headers().lastHeader("offboarding-request-event-id").value(),
                StandardCharsets.UTF_8)).toList();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] withHeader(int magic, int schemaId, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) magic).putInt(schemaId).put(body).array();
    }

    private static byte[] varint(long n) {
        long z = (n << 1) ^ (n >> 63);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        return out.toByteArray();
    }
}
