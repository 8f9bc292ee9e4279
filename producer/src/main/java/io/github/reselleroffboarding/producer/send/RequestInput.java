package io.github.reselleroffboarding.producer.send;

/** One offboarding request as a user wrote it (flags, a JSON line, a CSV row), not yet checked. */
record RequestInput(String customerTenantId, String requestedBy, String reason, String correlationId,
        String eventId) {
}
