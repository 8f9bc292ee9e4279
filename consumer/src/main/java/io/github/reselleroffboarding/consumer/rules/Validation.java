package io.github.reselleroffboarding.consumer.rules;

import java.util.List;

/** A request checked before anything is sent to Partner Center. */
public sealed interface Validation {

    record Valid(OffboardRequest request) implements Validation {
    }

    /**
     * @param tenantKey the tenant id as given (canonical when it is a GUID), to key the outcome by
     * @param problems every problem found, for the audit trail
     * @param preview the request asked for a preview, so the answer is an assessment
     */
    record Invalid(String eventId, String tenantKey, String requestedBy, String correlationId,
            List<String> problems, boolean preview) implements Validation {

        public Invalid {
            problems = List.copyOf(problems);
        }
    }
}
