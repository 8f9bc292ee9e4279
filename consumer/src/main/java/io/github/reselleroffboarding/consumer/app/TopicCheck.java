package io.github.reselleroffboarding.consumer.app;

import io.github.reselleroffboarding.consumer.config.ConsumerSettings;
import io.github.reselleroffboarding.consumer.config.ServiceConfig;
import io.github.reselleroffboarding.settings.SharedSettings;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before anything is consumed: the input and output topics must exist (they are shared with other teams, so
 * this service does not create them), and the state topic must be co-partitioned with the input, created
 * compacted when it is missing.
 */
final class TopicCheck {

    /** What the checks found. */
    record Layout(int requestPartitions, boolean deadLettersCoPartitioned) {
    }

    private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);
    private static final long TIMEOUT_SECONDS = 30;

    private TopicCheck() {
    }

    static Layout verify(ConsumerSettings settings, Map<String, Object> clientProperties) {
        Map<String, Object> props = new HashMap<>();
        clientProperties.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k) || k.startsWith("sasl.") || k.startsWith("ssl.")) {
                props.put(k, v);
            }
        });
        Map<String, String> required = new LinkedHashMap<>();
        required.put(settings.topics().requests(), SharedSettings.OFFBOARD_REQUESTS_TOPIC.name());
        required.put(settings.topics().removed(), SharedSettings.RELATIONSHIP_REMOVED_TOPIC.name());
        required.put(settings.topics().blocked(), SharedSettings.OFFBOARD_BLOCKED_TOPIC.name());
        required.put(settings.topics().assessed(), SharedSettings.OFFBOARD_ASSESSED_TOPIC.name());
        required.put(settings.topics().deadLetter(), SharedSettings.DEAD_LETTER_TOPIC.name());
        try (Admin admin = Admin.create(props)) {
            Map<String, Integer> partitions = new HashMap<>();
            for (Map.Entry<String, String> topic : required.entrySet()) {
                partitions.put(topic.getKey(), describe(admin, topic.getKey()).map(TopicDescription::partitions)
                        .map(List::size).orElseThrow(() -> new StartupException("topic '" + topic.getKey() + "' ("
                                + topic.getValue() + ") does not exist on " + settings.kafka().bootstrapServers(), null)));
            }
            int requestPartitions = partitions.get(settings.topics().requests());
            ensureStateTopic(admin, settings, requestPartitions);
            boolean coPartitioned = partitions.get(settings.topics().deadLetter()) >= requestPartitions;
            return new Layout(requestPartitions, coPartitioned);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while checking topics", e);
        } catch (TimeoutException e) {
            throw new StartupException("Kafka at " + settings.kafka().bootstrapServers() + " did not answer within "
                    + TIMEOUT_SECONDS + "s (KAFKA_BOOTSTRAP_SERVERS)", e);
        }
    }

    private static void ensureStateTopic(Admin admin, ConsumerSettings settings, int requestPartitions)
            throws InterruptedException, TimeoutException {
        var existing = describe(admin, settings.topics().state());
        if (existing.isPresent()) {
            int partitions = existing.get().partitions().size();
            if (partitions < requestPartitions) {
                throw new StartupException("state topic '" + settings.topics().state() + "' (" + ServiceConfig.STATE_TOPIC.name() + ") has "
                        + partitions + " partitions but " + settings.topics().requests() + " has " + requestPartitions
                        + "; they must have as many (add partitions to the state topic)", null);
            }
            requireCompacted(admin, settings.topics().state());
            // another instance may have created it a moment ago
            awaitServed(admin, settings.topics().state(), partitions);
            return;
        }
        int brokers;
        try {
            brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
        } catch (ExecutionException e) {
            throw new StartupException("cannot describe the Kafka cluster: " + e.getCause().getMessage(), e);
        }
        NewTopic topic = new NewTopic(settings.topics().state(), requestPartitions, (short) Math.min(3, brokers))
                .configs(Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000"));
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            log.info("Created state topic {} (compacted, {} partitions)", settings.topics().state(), requestPartitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StartupException("cannot create state topic '" + settings.topics().state() + "' (" + ServiceConfig.STATE_TOPIC.name() + "): "
                        + e.getCause().getMessage(), e);
            }
        }
        awaitServed(admin, settings.topics().state(), requestPartitions);
    }

    /**
     * The state topic is the idempotency memory: with {@code cleanup.policy=delete} it would forget, after its
     * retention, which requests were answered and which tenants this service removed, and answer them again.
     */
    private static void requireCompacted(Admin admin, String stateTopic) throws InterruptedException,
            TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, stateTopic);
        String policy;
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(resource);
            ConfigEntry entry = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            policy = entry == null || entry.value() == null ? "" : entry.value();
        } catch (ExecutionException e) {
            throw new StartupException("cannot read the configuration of state topic '" + stateTopic + "' ("
                    + ServiceConfig.STATE_TOPIC.name() + "): " + e.getCause().getMessage(), e);
        }
        if (!List.of(policy.replace(" ", "").split(",", -1)).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new StartupException("state topic '" + stateTopic + "' (" + ServiceConfig.STATE_TOPIC.name()
                    + ") has cleanup.policy=" + policy + "; it must be compacted, or the service forgets what it "
                    + "answered after the retention (kafka-configs --alter --entity-type topics --entity-name "
                    + stateTopic + " --add-config cleanup.policy=compact)", null);
        }
    }

    /**
     * The controller has the topic a moment before every leader serves its partition; the first transactional
     * write must not race that, so this asks each leader for its end offset until all answer.
     */
    private static void awaitServed(Admin admin, String topic, int partitionCount)
            throws InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (int p = 0; p < partitionCount; p++) {
            partitions.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() - deadline > 0) {
                    throw new StartupException("state topic '" + topic + "' (" + ServiceConfig.STATE_TOPIC.name() + ") is not served by its "
                            + "leaders within " + TIMEOUT_SECONDS + "s: " + e.getCause().getMessage(), e);
                }
            }
            Thread.sleep(50);
        }
    }

    private static java.util.Optional<TopicDescription> describe(Admin admin, String topic)
            throws InterruptedException, TimeoutException {
        try {
            return java.util.Optional.of(admin.describeTopics(List.of(topic)).topicNameValues().get(topic)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return java.util.Optional.empty();
            }
            throw new StartupException("cannot describe topic '" + topic + "': " + e.getCause().getMessage(), e);
        }
    }
}
