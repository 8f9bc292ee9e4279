package io.github.reselleroffboarding.bench;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.serde.AvroSerdeConfig;
import io.github.reselleroffboarding.serde.AvroSerializer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The request set of one scenario: {@code n} requests for {@code n} distinct tenants. One in ten tenants has
 * something that blocks removal (alternately an active subscription and an active VM reservation); the others
 * are clean customers, which the simulator answers for any tenant it was not told about. Both contenders get the
 * same set; each gets it freshly preloaded, so {@code requestedAt} is the time its own backlog was written.
 */
final class RequestPlan {

    enum Expected { REMOVED, BLOCKED }

    private static final Instant NEXT_YEAR = Instant.parse("2099-01-01T00:00:00Z"); // unexpired for any run

    private final String[] eventIds;
    private final String[] tenants;
    private final Map<String, Integer> indexByEventId;

    private RequestPlan(String[] eventIds, String[] tenants) {
        this.eventIds = eventIds;
        this.tenants = tenants;
        this.indexByEventId = new HashMap<>(eventIds.length * 2);
        for (int i = 0; i < eventIds.length; i++) {
            indexByEventId.put(eventIds[i], i);
        }
    }

    static RequestPlan generate(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] eventIds = new String[size];
        String[] tenants = new String[size];
        for (int i = 0; i < size; i++) {
            eventIds[i] = randomUuid(random);
            tenants[i] = randomUuid(random);
        }
        return new RequestPlan(eventIds, tenants);
    }

    int size() {
        return eventIds.length;
    }

    String eventId(int index) {
        return eventIds[index];
    }

    String tenant(int index) {
        return tenants[index];
    }

    Expected expected(int index) {
        return index % 10 == 0 ? Expected.BLOCKED : Expected.REMOVED;
    }

    /** The request's position in the plan, or -1 for an event id that is not in it. */
    int indexOf(String eventId) {
        return indexByEventId.getOrDefault(eventId, -1);
    }

    /** Puts the customers that block removal into the simulator (after a reset, which forgets them). */
    void seedBlockers(PartnerCenterSimulator simulator) {
        for (int i = 0; i < tenants.length; i += 10) {
            SeedCustomer.Builder customer = SeedCustomer.customer(tenants[i]).companyName("Bench customer " + i);
            if (i % 20 == 0) {
                customer.subscription("sub-" + i, "Microsoft 365 E3", "active");
            } else {
                customer.reservedInstance("ri-" + i, "virtualmachines", NEXT_YEAR);
            }
            simulator.putCustomer(customer.build());
        }
    }

    /**
     * Writes the whole backlog to {@code topic}, keyed by tenant, and returns each request's {@code requestedAt}
     * in epoch milliseconds.
     */
    long[] preload(String bootstrapServers, String schemaRegistryUrl, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long[] requestedAt = new long[size()];
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props, new StringSerializer(),
                configured(props))) {
            for (int i = 0; i < size(); i++) {
                requestedAt[i] = System.currentTimeMillis();
                CustomerOffboardRequested request = CustomerOffboardRequested.newBuilder()
                        .setEventId(eventIds[i])
                        .setCustomerTenantId(tenants[i])
                        .setRequestedAt(Instant.ofEpochMilli(requestedAt[i]))
                        .setRequestedBy("bench")
                        .setReason("benchmark")
                        .setCorrelationId("bench-" + i)
                        .build();
                producer.send(new ProducerRecord<>(topic, tenants[i], request), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("cannot preload the backlog into " + topic + ": " + failure.get(),
                    failure.get());
        }
        return requestedAt;
    }

    private static AvroSerializer configured(Map<String, Object> props) {
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(props, false);
        return serializer;
    }

    private static String randomUuid(SplittableRandom random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
