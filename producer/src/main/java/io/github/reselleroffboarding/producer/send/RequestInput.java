package io.github.reselleroffboarding.producer.send;

/** One offboarding request as a user wrote it (flags, a JSON line, a CSV row), not yet checked. */
public record RequestInput(String customerTenantId, String requestedBy, String reason, String correlationId,
        String eventId) {

    /** This input, with {@code requestedBy} filled in when it gave none. */
    public RequestInput requestedByOr(String fallback) {
        return requestedBy == null || requestedBy.isBlank()
                ? new RequestInput(customerTenantId, fallback, reason, correlationId, eventId) : this;
    }
}
