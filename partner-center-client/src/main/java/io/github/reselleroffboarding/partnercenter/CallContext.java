package io.github.reselleroffboarding.partnercenter;

import io.github.reselleroffboarding.ids.DerivedIds;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * On whose behalf a call is made. {@code MS-RequestId} is derived from {@code requestEventId}, the
 * {@code attempt} and the operation, so a call sent again after no answer (a retry, a restart) carries the same
 * id, and the caller starts a new {@code attempt} when Partner Center answered and the next call is a new one.
 * {@code MS-CorrelationId} is the request's correlation id when that is a GUID, else a GUID derived from it (or
 * from the request), so every call of one request can be found together in Partner Center's logs and a hostile
 * value never reaches a header as is.
 *
 * @param attempt names the attempt; empty for the first, whose ids are the request's own
 */
public record CallContext(String requestEventId, String correlationId, String attempt) {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final UUID CORRELATION_NAMESPACE = UUID.fromString("d7c1a2e4-6b3f-5a9e-8c10-2f4b6d8e0a13");

    public CallContext {
        Objects.requireNonNull(requestEventId, "requestEventId");
        attempt = attempt == null ? "" : attempt;
    }

    public CallContext(String requestEventId, String correlationId) {
        this(requestEventId, correlationId, "");
    }

    public static CallContext of(String requestEventId) {
        return new CallContext(requestEventId, null, "");
    }

    /** The same context for calls about one item of a collection (e.g. one Azure plan), with ids of their own. */
    public CallContext forItem(String item) {
        return new CallContext(requestEventId, correlationId, attempt + "/" + item);
    }

    /** The {@code MS-RequestId} of page {@code page} (1 for a single call) of {@code operation}. */
    public String msRequestId(Operation operation, int page) {
        String name = (page <= 1 ? operation.id() : operation.id() + "#page-" + page)
                + (attempt.isEmpty() ? "" : "@" + attempt);
        return DerivedIds.partnerCenterRequestId(requestEventId, name);
    }

    String msCorrelationId() {
        if (correlationId != null && GUID.matcher(correlationId).matches()) {
            return correlationId.toLowerCase(Locale.ROOT);
        }
        String source = correlationId != null && !correlationId.isBlank() ? "correlation:" + correlationId
                : "request:" + requestEventId;
        return DerivedIds.nameBased(CORRELATION_NAMESPACE, source).toString();
    }
}
