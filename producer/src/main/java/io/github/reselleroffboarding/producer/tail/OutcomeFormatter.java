package io.github.reselleroffboarding.producer.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.SubscriptionSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One outcome, one line: readable for operators and auditors, or a JSON object for machines. */
final class OutcomeFormatter {

    private final ObjectMapper json = new ObjectMapper();

    /** Resources named per reason code before the rest are only counted: a line stays readable. */
    static final int NAMED_PER_CODE = 3;

    String text(Object outcome) {
        if (outcome instanceof RelationshipRemoved removed) {
            return removed.getRemovedAt() + "  REMOVED  " + removed.getCustomerTenantId() + "  request="
                    + removed.getRequestEventId() + " by=" + removed.getRequestedBy() + correlation(
                    removed.getCorrelationId()) + (removed.getAlreadyRemoved() ? "  (already removed; no PATCH sent)"
                    : "") + remaining(removed);
        }
        if (outcome instanceof OffboardBlocked blocked) {
            return blocked.getBlockedAt() + "  BLOCKED  " + blocked.getCustomerTenantId() + "  request="
                    + blocked.getRequestEventId() + " by=" + blocked.getRequestedBy() + correlation(
                    blocked.getCorrelationId()) + "  reasons: " + reasons(blocked.getReasons());
        }
        if (outcome instanceof IndexedRecord other) {
            return "OTHER  " + other.getSchema().getFullName() + " " + RecordJson.of(other);
        }
        return "OTHER  " + outcome;
    }

    String json(ConsumerRecord<String, byte[]> record, Object outcome) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", outcome instanceof IndexedRecord r ? r.getSchema().getName() : "unknown");
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("key", record.key());
        line.put("event", outcome instanceof IndexedRecord r ? RecordJson.of(r) : String.valueOf(outcome));
        try {
            return json.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an outcome as JSON", e);
        }
    }

    /**
     * Reasons grouped by code, in the order found: each code with its count, its first few resources, and the
     * message where the code alone does not say enough (not found, invalid, refused).
     */
    static String reasons(List<BlockReason> reasons) {
        Map<BlockReasonCode, List<BlockReason>> byCode = new LinkedHashMap<>();
        reasons.forEach(r -> byCode.computeIfAbsent(r.getCode(), k -> new ArrayList<>()).add(r));
        List<String> groups = new ArrayList<>();
        byCode.forEach((code, group) -> {
            StringBuilder text = new StringBuilder(code.name());
            if (group.size() > 1) {
                text.append(" x").append(group.size());
            }
            List<String> named = group.stream().filter(r -> r.getResourceId() != null || r.getResourceName() != null)
                    .limit(NAMED_PER_CODE).map(OutcomeFormatter::resource).toList();
            boolean messageNeeded = named.isEmpty() || code == BlockReasonCode.CUSTOMER_NOT_FOUND;
            if (!named.isEmpty() && !messageNeeded) {
                text.append(": ").append(String.join(", ", named));
                int more = group.size() - named.size();
                if (more > 0) {
                    text.append(", +").append(more).append(" more");
                }
            }
            if (messageNeeded) {
                text.append(" - ").append(group.get(0).getMessage());
            }
            groups.add(text.toString());
        });
        return String.join("; ", groups);
    }

    private static String resource(BlockReason reason) {
        String id = reason.getResourceId() == null ? "" : reason.getResourceId();
        return reason.getResourceName() == null ? id : (id + " \"" + reason.getResourceName() + "\"").strip();
    }

    private static String remaining(RelationshipRemoved removed) {
        List<SubscriptionSummary> left = removed.getRemainingSubscriptions();
        if (left.isEmpty()) {
            return "";
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        left.forEach(s -> byStatus.merge(s.getStatus(), 1L, Long::sum));
        return "  (" + left.size() + " subscription" + (left.size() == 1 ? "" : "s") + " left: " + byStatus
                .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")";
    }

    private static String correlation(String correlationId) {
        return correlationId == null ? "" : " correlation=" + correlationId;
    }
}
