package io.github.reselleroffboarding.consumer.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The requests a test published, in order, and the checks that every one of them got exactly one outcome, in
 * order per tenant, as downstream (read_committed) consumers see them.
 */
final class Ledger {

    private final List<CustomerOffboardRequested> published = new ArrayList<>();

    void published(CustomerOffboardRequested request) {
        published.add(request);
    }

    /** Requests with distinct eventIds: one outcome each is expected. */
    long distinctRequests() {
        return published.stream().map(CustomerOffboardRequested::getEventId).distinct().count();
    }

    /** Reads both outcome topics until every distinct request is answered or {@code within} passes. */
    List<ConsumerRecord<String, Object>> outcomes(OffboardingHarness harness, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<ConsumerRecord<String, Object>> all = List.of();
        while (System.nanoTime() < deadline) {
            all = new ArrayList<>(harness.outcomeRecords(harness.removed, Integer.MAX_VALUE, Duration.ofSeconds(2)));
            all.addAll(harness.outcomeRecords(harness.blocked, Integer.MAX_VALUE, Duration.ofSeconds(2)));
            if (all.stream().map(Ledger::requestEventId).distinct().count() >= distinctRequests()) {
                break;
            }
        }
        return all;
    }

    void assertExactlyOneOutcomeEachInTenantOrder(List<ConsumerRecord<String, Object>> outcomes) {
        Map<String, Long> perRequest = outcomes.stream().collect(Collectors.groupingBy(Ledger::requestEventId,
                Collectors.counting()));
        assertThat(perRequest).as("outcomes per request eventId").hasSize((int) distinctRequests());
        assertThat(perRequest.values()).as("every request has exactly one outcome").containsOnly(1L);
        Map<String, List<String>> expectedOrder = new LinkedHashMap<>();
        for (CustomerOffboardRequested request : published) {
            List<String> order = expectedOrder.computeIfAbsent(request.getCustomerTenantId(), k -> new ArrayList<>());
            if (!order.contains(request.getEventId())) {
                order.add(request.getEventId());
            }
        }
        for (Map.Entry<String, List<String>> tenant : expectedOrder.entrySet()) {
            // outcomes of one tenant share a key, so within one topic they are in commit order
            List<String> removedOrder = outcomes.stream().filter(r -> r.key().equals(tenant.getKey()))
                    .filter(r -> r.value() instanceof RelationshipRemoved)
                    .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                    .map(Ledger::requestEventId).toList();
            List<String> expected = tenant.getValue().stream().filter(removedOrder::contains).toList();
            assertThat(removedOrder).as("outcome order of tenant %s", tenant.getKey()).isEqualTo(expected);
        }
    }

    static String requestEventId(ConsumerRecord<String, Object> record) {
        return record.value() instanceof RelationshipRemoved removed ? removed.getRequestEventId()
                : ((OffboardBlocked) record.value()).getRequestEventId();
    }
}
