package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.ids.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks a request itself, before anything may go to Partner Center. */
final class RequestValidator {

    /**
     * Longest tenant key the state remembers an invalid request under: an id that is not a GUID can be any
     * length, and a state record keyed by it must stay small.
     */
    static final int MAX_REMEMBERED_KEY = 128;

    Validation validate(CustomerOffboardRequested request) {
        List<String> problems = new ArrayList<>();
        String eventId = blankToNull(request.getEventId());
        if (eventId == null) {
            problems.add("eventId is empty");
        }
        String rawTenant = request.getCustomerTenantId() == null ? "" : request.getCustomerTenantId().strip();
        Optional<TenantId> tenant = Optional.empty();
        if (rawTenant.isEmpty()) {
            problems.add("customerTenantId is empty");
        } else {
            try {
                tenant = Optional.of(TenantId.parse(rawTenant));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        String requestedBy = blankToNull(request.getRequestedBy());
        if (requestedBy == null) {
            problems.add("requestedBy is empty");
        }
        if (!problems.isEmpty()) {
            return new Validation.Invalid(eventId, tenant.map(TenantId::value).orElse(rawTenant),
                    requestedBy == null ? "" : requestedBy, request.getCorrelationId(), problems);
        }
        return new Validation.Valid(new OffboardRequest(eventId, tenant.orElseThrow(), request.getRequestedAt(),
                requestedBy, request.getReason(), request.getCorrelationId()));
    }

    /** An invalid request is remembered (so a second copy gets no second answer) only under a usable key. */
    boolean remembers(Validation.Invalid invalid) {
        return invalid.eventId() != null && invalid.tenantKey().length() <= MAX_REMEMBERED_KEY;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
