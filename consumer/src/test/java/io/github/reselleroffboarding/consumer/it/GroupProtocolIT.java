package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consumer group protocol of KIP-848, turned on by {@code group.protocol=consumer} in the client properties:
 * the service consumes, answers and commits on it. The classic protocol stays the default.
 */
@IntegrationTest
class GroupProtocolIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    final TestEnvironment env;

    @TempDir
    Path dir;

    GroupProtocolIT(TestEnvironment env) {
        this.env = env;
    }

    @Test
    void groupProtocolConsumerInTheClientFileRunsTheServiceOnKip848AndCommitsItsOffsets() throws Exception {
        Path clientFile = dir.resolve("client.properties");
        Files.writeString(clientFile, "group.protocol=consumer\n");
        try (OffboardingHarness harness = new OffboardingHarness(env, 3)
                .with("KAFKA_CLIENT_CONFIG_FILE", clientFile.toString())) {
            harness.start();
            List<CustomerOffboardRequested> requests = publishCleanRequests(harness, 12);

            List<RelationshipRemoved> removed = harness.removedOutcomes(requests.size(), WAIT);

            assertThat(removed).extracting(RelationshipRemoved::getRequestEventId).containsExactlyInAnyOrderElementsOf(
                    requests.stream().map(CustomerOffboardRequested::getEventId).toList());
            assertThat(group(harness.group).type()).isEqualTo(GroupType.CONSUMER);
            awaitCommittedToTheEnd(harness);
        }
    }

    @Test
    void theClassicProtocolStaysTheDefault() throws IOException {
        try (OffboardingHarness harness = new OffboardingHarness(env, 3)) {
            harness.start();
            List<CustomerOffboardRequested> requests = publishCleanRequests(harness, 3);

            assertThat(harness.removedOutcomes(requests.size(), WAIT)).hasSize(requests.size());
            assertThat(group(harness.group).type()).isEqualTo(GroupType.CLASSIC);
        }
    }

    private List<CustomerOffboardRequested> publishCleanRequests(OffboardingHarness harness, int count) {
        List<CustomerOffboardRequested> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String tenant = newTenant();
            env.partnerCenter().putCustomer(SeedCustomer.customer(tenant).build());
            requests.add(request(tenant));
        }
        harness.publish(requests.toArray(CustomerOffboardRequested[]::new));
        return requests;
    }

    private ConsumerGroupDescription group(String groupId) {
        try {
            return env.admin().describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get();
        } catch (Exception e) {
            throw new AssertionError("cannot describe group " + groupId, e);
        }
    }

    /** The group's committed offsets reach the end of every request partition (each request answered). */
    private void awaitCommittedToTheEnd(OffboardingHarness harness) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = env.admin().describeTopics(List.of(harness.requests)).allTopicNames()
                .get().get(harness.requests).partitions().stream().collect(Collectors.toMap(
                        p -> new TopicPartition(harness.requests, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = env.admin().listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        await().atMost(WAIT).untilAsserted(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = env.admin()
                    .listConsumerGroupOffsets(harness.group).partitionsToOffsetAndMetadata().get();
            ends.forEach((tp, end) -> {
                if (end > 0) {
                    assertThat(committed.get(tp)).as(tp.toString()).isNotNull();
                    assertThat(committed.get(tp).offset()).as(tp.toString()).isEqualTo(end);
                }
            });
        });
    }
}
