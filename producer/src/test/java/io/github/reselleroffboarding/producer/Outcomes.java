package io.github.reselleroffboarding.producer;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.serde.AvroDeserializer;
import io.github.reselleroffboarding.serde.AvroSerializer;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import io.github.reselleroffboarding.testkit.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test fixtures: outcome events, a transactional writer for them, and a reader of request events. */
final class Outcomes {

    static final String TENANT = "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11";

    private Outcomes() {
    }

    static RelationshipRemoved removed(String requestEventId, boolean alreadyRemoved) {
        return RelationshipRemoved.newBuilder()
                .setEventId("out-" + requestEventId)
                .setRequestEventId(requestEventId)
                .setCustomerTenantId(TENANT)
                .setRemovedAt(Instant.parse("2026-11-21T10:00:00Z"))
                .setRequestedBy("alice@contoso.example")
                .setCorrelationId("corr-9")
                .setAlreadyRemoved(alreadyRemoved)
                .build();
    }

    static OffboardBlocked blocked(String requestEventId) {
        return OffboardBlocked.newBuilder()
                .setEventId("out-" + requestEventId)
                .setRequestEventId(requestEventId)
                .setCustomerTenantId(TENANT)
                .setBlockedAt(Instant.parse("2026-11-21T10:00:01Z"))
                .setRequestedBy("bob@contoso.example")
                .setReasons(List.of(
                        BlockReason.newBuilder().setCode(BlockReasonCode.ACTIVE_SUBSCRIPTION)
                                .setMessage("subscription is active").setResourceId("sub-1")
                                .setResourceName("Microsoft 365 E3").build(),
                        BlockReason.newBuilder().setCode(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE)
                                .setMessage("reserved VM instance is active").setResourceId("ri-7").build()))
                .build();
    }

    /** Writes outcomes in one committed transaction, and {@code aborted} in one that is aborted. */
    static void publish(TestEnvironment env, String topic, List<Object> committed, List<Object> aborted)
            throws Exception {
        Map<String, Object> props = new HashMap<>(env.clientProperties());
        props.put("transactional.id", "outcomes-" + UUID.randomUUID());
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(props, false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(props, new StringSerializer(),
                serializer)) {
            producer.initTransactions();
            if (!aborted.isEmpty()) {
                producer.beginTransaction();
                for (Object outcome : aborted) {
                    producer.send(new ProducerRecord<>(topic, TENANT, outcome)).get();
                }
                producer.abortTransaction();
            }
            producer.beginTransaction();
            for (Object outcome : committed) {
                producer.send(new ProducerRecord<>(topic, TENANT, outcome));
            }
            producer.commitTransaction();
        }
    }

    static List<ConsumerRecord<String, Object>> readRequests(TestEnvironment env, String topic, int expected,
            Duration within) {
        AvroDeserializer deserializer = new AvroDeserializer();
        Map<String, Object> props = new HashMap<>(env.clientProperties());
        props.put("specific.avro.reader", true);
        deserializer.configure(props, false);
        return TopicReader.readCommitted(env.bootstrapServers(), topic, deserializer, expected, within);
    }

    static CustomerOffboardRequested value(ConsumerRecord<String, Object> record) {
        return (CustomerOffboardRequested) record.value();
    }
}
