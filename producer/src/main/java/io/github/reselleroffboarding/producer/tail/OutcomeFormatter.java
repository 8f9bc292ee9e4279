package io.github.reselleroffboarding.producer.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One outcome, one line: readable for operators and auditors, or a JSON object for machines. */
final class OutcomeFormatter {

    private final ObjectMapper json = new ObjectMapper();

    String text(Object outcome) {
        if (outcome instanceof RelationshipRemoved removed) {
            return removed.getRemovedAt() + "  REMOVED  " + removed.getCustomerTenantId() + "  request="
                    + removed.getRequestEventId() + " by=" + removed.getRequestedBy() + correlation(
                    removed.getCorrelationId()) + (removed.getAlreadyRemoved() ? "  (already removed; no PATCH sent)"
                    : "");
        }
        if (outcome instanceof OffboardBlocked blocked) {
            return blocked.getBlockedAt() + "  BLOCKED  " + blocked.getCustomerTenantId() + "  request="
                    + blocked.getRequestEventId() + " by=" + blocked.getRequestedBy() + correlation(
                    blocked.getCorrelationId()) + "  reasons: " + blocked.getReasons().stream()
                    .map(OutcomeFormatter::reason).collect(Collectors.joining("; "));
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

    private static String reason(BlockReason reason) {
        StringBuilder text = new StringBuilder(reason.getCode().name());
        if (reason.getResourceId() != null) {
            text.append(' ').append(reason.getResourceId());
        }
        if (reason.getResourceName() != null) {
            text.append(" \"").append(reason.getResourceName()).append('"');
        }
        return text.append(" - ").append(reason.getMessage()).toString();
    }

    private static String correlation(String correlationId) {
        return correlationId == null ? "" : " correlation=" + correlationId;
    }
}
