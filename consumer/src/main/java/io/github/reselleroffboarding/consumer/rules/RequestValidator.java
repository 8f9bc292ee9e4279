package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardMode;
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

    /**
     * The longest value each text field may have. Generous for what they hold (a UUID, a user principal, a
     * sentence), small enough that an answer echoing them always fits in a Kafka record.
     */
    static final int MAX_EVENT_ID = 128;
    static final int MAX_TENANT_ID = 128;
    static final int MAX_REQUESTED_BY = 320;
    static final int MAX_REASON = 2000;
    static final int MAX_CORRELATION_ID = 256;

    Validation validate(CustomerOffboardRequested request) {
        List<String> problems = new ArrayList<>();
        String eventId = checkLength("eventId", blankToNull(request.getEventId()), MAX_EVENT_ID, problems);
        if (eventId == null) {
            problems.add("eventId is empty");
        }
        String rawTenant = checkLength("customerTenantId", request.getCustomerTenantId() == null ? ""
                : request.getCustomerTenantId().strip(), MAX_TENANT_ID, problems);
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
        String requestedBy = checkLength("requestedBy", blankToNull(request.getRequestedBy()), MAX_REQUESTED_BY,
                problems);
        if (requestedBy == null) {
            problems.add("requestedBy is empty");
        }
        checkLength("reason", request.getReason(), MAX_REASON, problems);
        String correlationId = checkLength("correlationId", request.getCorrelationId(), MAX_CORRELATION_ID,
                problems);
        RequestMode mode = mode(request.getMode(), problems);
        if (!problems.isEmpty()) {
            return new Validation.Invalid(eventId, tenant.map(TenantId::value).orElse(rawTenant),
                    requestedBy == null ? "" : requestedBy, correlationId, problems, mode == RequestMode.PREVIEW);
        }
        return new Validation.Valid(new OffboardRequest(eventId, tenant.orElseThrow(), request.getRequestedAt(),
                requestedBy, request.getReason(), request.getCorrelationId(), mode, request.getCleanup()));
    }

    /**
     * A mode this version does not know (a writer newer than this reader) is refused, never taken for a removal;
     * a request without the field (a writer older than it) is a removal.
     */
    private static RequestMode mode(OffboardMode mode, List<String> problems) {
        if (mode == null || mode == OffboardMode.REMOVE) {
            return RequestMode.REMOVE;
        }
        if (mode == OffboardMode.PREVIEW) {
            return RequestMode.PREVIEW;
        }
        problems.add("mode is not one this version of the service knows (it knows REMOVE and PREVIEW); nothing "
                + "was removed");
        return RequestMode.REMOVE;
    }

    /** An invalid request is remembered (so a second copy gets no second answer) only under a usable key. */
    boolean remembers(Validation.Invalid invalid) {
        return invalid.eventId() != null && invalid.tenantKey().length() <= MAX_REMEMBERED_KEY;
    }

    /**
     * Records a problem when {@code value} is longer than {@code max}, and returns it cut to {@code max} (marked),
     * so that what the answer echoes stays small whatever arrived.
     */
    private static String checkLength(String field, String value, int max, List<String> problems) {
        if (value == null || value.length() <= max) {
            return value;
        }
        problems.add(field + " is " + value.length() + " characters long; at most " + max + " are accepted");
        return value.substring(0, max - 1) + "\u2026";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
