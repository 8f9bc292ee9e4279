package io.github.reselleroffboarding.partnercenter;

import io.github.reselleroffboarding.ids.DerivedIds;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * On whose behalf a call is made. {@code MS-RequestId} is derived from {@code requestEventId} and the operation,
 * so a retried or replayed call carries the same id; {@code MS-CorrelationId} is the request's correlation id
 * when that is a GUID, else a GUID derived from it (or from the request), so every call of one request can be
 * found together in Partner Center's logs and a hostile value never reaches a header as is.
 */
public record CallContext(String requestEventId, String correlationId) {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final UUID CORRELATION_NAMESPACE = UUID.fromString("d7c1a2e4-6b3f-5a9e-8c10-2f4b6d8e0a13");

    public CallContext {
        Objects.requireNonNull(requestEventId, "requestEventId");
    }

    public static CallContext of(String requestEventId) {
        return new CallContext(requestEventId, null);
    }

    String msRequestId(Operation operation, int page) {
        return DerivedIds.partnerCenterRequestId(requestEventId, page <= 1 ? operation.id()
                : operation.id() + "#page-" + page);
    }

    String msCorrelationId() {
        if (correlationId != null && GUID.matcher(correlationId).matches()) {
            return correlationId.toLowerCase(java.util.Locale.ROOT);
        }
        String source = correlationId != null && !correlationId.isBlank() ? "correlation:" + correlationId
                : "request:" + requestEventId;
        return DerivedIds.nameBased(CORRELATION_NAMESPACE, source).toString();
    }
}
