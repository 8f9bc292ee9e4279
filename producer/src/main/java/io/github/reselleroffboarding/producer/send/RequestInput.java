package io.github.reselleroffboarding.producer.send;

/**
 * One offboarding request as a user wrote it (flags, a JSON line, a CSV row), not yet checked.
 *
 * @param cleanup {@code cleanup} as written ({@code true}, {@code false}), null when not given
 */
public record RequestInput(String customerTenantId, String requestedBy, String reason, String correlationId,
        String eventId, String cleanup) {

    public RequestInput(String customerTenantId, String requestedBy, String reason, String correlationId,
            String eventId) {
        this(customerTenantId, requestedBy, reason, correlationId, eventId, null);
    }

    /** This input, with {@code requestedBy} and {@code correlationId} filled in where it gave none. */
    public RequestInput withDefaults(String defaultRequestedBy, String defaultCorrelationId) {
        return new RequestInput(customerTenantId, blank(requestedBy) ? defaultRequestedBy : requestedBy, reason,
                blank(correlationId) ? defaultCorrelationId : correlationId, eventId, cleanup);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
