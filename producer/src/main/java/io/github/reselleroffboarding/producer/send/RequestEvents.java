package io.github.reselleroffboarding.producer.send;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardMode;
import io.github.reselleroffboarding.ids.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Turns user input into a {@code CustomerOffboardRequested}: the tenant id validated and written in canonical
 * lower case (it is also the record key), {@code eventId} a UUID (generated unless given), required fields
 * present. The same checks for a single request and for every line of a bulk file.
 */
public final class RequestEvents {

    static final int MAX_TEXT = 1024;

    private final Clock clock;

    public RequestEvents(Clock clock) {
        this.clock = clock;
    }

    public CustomerOffboardRequested build(RequestInput input) throws InvalidRequestException {
        return build(input, OffboardMode.REMOVE);
    }

    public CustomerOffboardRequested build(RequestInput input, OffboardMode mode) throws InvalidRequestException {
        return build(input, mode, false);
    }

    /**
     * @param cleanup consent to a clean-up for this request whatever the input says (the input's own
     *     {@code cleanup: true} consents too): the consumer may clear what its clean-up policy allows before the
     *     removal
     */
    public CustomerOffboardRequested build(RequestInput input, OffboardMode mode, boolean cleanup)
            throws InvalidRequestException {
        TenantId tenant;
        try {
            tenant = TenantId.parse(input.customerTenantId());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        String requestedBy = required("requestedBy", input.requestedBy());
        boolean consent = cleanup || consent(input.cleanup());
        String eventId = input.eventId() == null || input.eventId().isBlank()
                ? UUID.randomUUID().toString()
                : uuid(input.eventId().strip());
        return CustomerOffboardRequested.newBuilder()
                .setEventId(eventId)
                .setCustomerTenantId(tenant.value())
                .setRequestedAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
                .setRequestedBy(requestedBy)
                .setReason(optional("reason", input.reason()))
                .setCorrelationId(optional("correlationId", input.correlationId()))
                .setMode(mode)
                .setCleanup(consent)
                .build();
    }

    private static boolean consent(String cleanup) throws InvalidRequestException {
        if (cleanup == null || cleanup.isBlank() || cleanup.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (cleanup.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidRequestException("cleanup must be true or false (was '" + cleanup.strip() + "')");
    }

    private static String required(String field, String value) throws InvalidRequestException {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is missing");
        }
        return optional(field, value);
    }

    private static String optional(String field, String value) throws InvalidRequestException {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > MAX_TEXT) {
            throw new InvalidRequestException(field + " is longer than " + MAX_TEXT + " characters");
        }
        return stripped;
    }

    private static String uuid(String eventId) throws InvalidRequestException {
        try {
            UUID parsed = UUID.fromString(eventId);
            if (!parsed.toString().equalsIgnoreCase(eventId)) {
                throw new IllegalArgumentException();
            }
            return parsed.toString();
        } catch (IllegalArgumentException e) {
            String shown = eventId.length() > 64 ? eventId.substring(0, 64) + "..." : eventId;
            throw new InvalidRequestException("eventId '" + shown + "' is not a UUID");
        }
    }
}
