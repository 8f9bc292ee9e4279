package io.github.reselleroffboarding.producer.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.events.SubscriptionSummary;
import io.github.reselleroffboarding.producer.CleanupText;
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
            return removed.getRemovedAt() + "  REMOVED  " + removed.getCustomerTenantId() + customer(
                    removed.getCompanyName()) + "  request=" + removed.getRequestEventId() + " by="
                    + removed.getRequestedBy() + correlation(removed.getCorrelationId()) + removedBy(removed)
                    + remaining(removed) + cleanup(removed.getCleanupActions(), removed.getCleanupLeft())
                    + (removed.getNotices().isEmpty() ? "" : "  notices: " + reasons(removed.getNotices()));
        }
        if (outcome instanceof OffboardBlocked blocked) {
            return blocked.getBlockedAt() + "  BLOCKED  " + blocked.getCustomerTenantId() + customer(
                    blocked.getCompanyName()) + "  request="
                    + blocked.getRequestEventId() + " by=" + blocked.getRequestedBy() + correlation(
                    blocked.getCorrelationId()) + "  reasons: " + reasons(blocked.getReasons())
                    + cleanup(blocked.getCleanupActions(), blocked.getCleanupLeft());
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

    /** A resource with what clears it and by when: {@code n-1 "M365" [CANCEL_BEFORE_DEADLINE until 2026-12-08]}. */
    private static String resource(BlockReason reason) {
        String id = reason.getResourceId() == null ? "" : reason.getResourceId();
        String named = reason.getResourceName() == null ? id : (id + " \"" + reason.getResourceName() + "\"").strip();
        List<String> how = new ArrayList<>();
        if (reason.getAction() != null) {
            how.add(reason.getAction().name());
        }
        if (reason.getActionDeadline() != null) {
            how.add("until " + day(reason.getActionDeadline()));
        }
        if (reason.getEndsAt() != null) {
            how.add("ends " + day(reason.getEndsAt()));
        }
        return how.isEmpty() ? named : named + " [" + String.join(" ", how) + "]";
    }

    private static String day(java.time.Instant at) {
        return java.time.LocalDate.ofInstant(at, java.time.ZoneOffset.UTC).toString();
    }

    private static String customer(String companyName) {
        return companyName == null ? "" : " (" + companyName + ")";
    }

    private static String removedBy(RelationshipRemoved removed) {
        if (!removed.getAlreadyRemoved()) {
            return "";
        }
        RemovedBy by = removed.getRemovedBy();
        String when = removed.getRemovedByAt() == null ? "" : " at " + removed.getRemovedByAt();
        if (by == RemovedBy.SOMEONE_ELSE) {
            return "  (already removed by " + (removed.getRemovedByPrincipal() == null ? "someone else"
                    : removed.getRemovedByPrincipal()) + when + ", not by this service; no PATCH sent)";
        }
        if (by == RemovedBy.THIS_SERVICE_EARLIER) {
            return "  (already removed by this service, request " + removed.getRemovedByRequestEventId() + when
                    + "; no PATCH sent)";
        }
        if (by == RemovedBy.UNKNOWN) {
            return "  (already gone; who removed it cannot be told; no PATCH sent)";
        }
        return "  (already removed; no PATCH sent)";
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

    private static String cleanup(List<io.github.reselleroffboarding.events.CleanupAction> actions,
            List<io.github.reselleroffboarding.events.CleanupLeft> left) {
        String line = CleanupText.line(actions, left);
        return line.isEmpty() ? "" : "  " + line;
    }

    private static String correlation(String correlationId) {
        return correlationId == null ? "" : " correlation=" + correlationId;
    }
}
