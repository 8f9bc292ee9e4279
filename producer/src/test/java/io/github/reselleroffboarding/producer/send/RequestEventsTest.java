package io.github.reselleroffboarding.producer.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestEventsTest {

    private final RequestEvents events =
            new RequestEvents(Clock.fixed(Instant.parse("2026-11-21T08:00:00.987654Z"), ZoneOffset.UTC));

    @Test
    void buildsACanonicalRequestWithAGeneratedEventId() throws InvalidRequestException {
        CustomerOffboardRequested request = events.build(new RequestInput(" 6F1C5A53-3C9B-4C0E-9A55-0D3A0D1C1A11 ",
                " alice ", "  ", null, null));

        assertThat(request.getCustomerTenantId()).isEqualTo("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11");
        assertThat(request.getRequestedBy()).isEqualTo("alice");
        assertThat(request.getReason()).isNull();
        assertThat(UUID.fromString(request.getEventId()).version()).isEqualTo(4);
        assertThat(request.getRequestedAt()).isEqualTo(Instant.parse("2026-11-21T08:00:00.987Z"));
    }

    @Test
    void aGivenEventIdIsKeptInCanonicalForm() throws InvalidRequestException {
        CustomerOffboardRequested request = events.build(new RequestInput("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11",
                "a", null, null, "1B4E28BA-2FA1-41D2-883F-0016D3CCA427"));

        assertThat(request.getEventId()).isEqualTo("1b4e28ba-2fa1-41d2-883f-0016d3cca427");
    }

    @Test
    void aLineConsentsToACleanUpOnlyWithCleanupTrue() throws InvalidRequestException {
        String tenant = "6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11";

        assertThat(events.build(new RequestInput(tenant, "a", null, null, null, "true")).getCleanup()).isTrue();
        assertThat(events.build(new RequestInput(tenant, "a", null, null, null, "false")).getCleanup()).isFalse();
        assertThat(events.build(new RequestInput(tenant, "a", null, null, null)).getCleanup()).isFalse();
        assertThat(events.build(new RequestInput(tenant, "a", null, null, null), OffboardMode.REMOVE, true)
                .getCleanup()).isTrue();
        assertThatThrownBy(() -> events.build(new RequestInput(tenant, "a", null, null, null, "yes")))
                .hasMessage("cleanup must be true or false (was 'yes')");
    }

    @Test
    void refusesWhatDownstreamCouldNotUse() {
        assertThatThrownBy(() -> events.build(new RequestInput(null, "a", null, null, null)))
                .hasMessage("tenant id is missing");
        assertThatThrownBy(() -> events.build(new RequestInput("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11", " ", null,
                null, null))).hasMessage("requestedBy is missing");
        assertThatThrownBy(() -> events.build(new RequestInput("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11", "a",
                "x".repeat(1025), null, null))).hasMessage("reason is longer than 1024 characters");
        assertThatThrownBy(() -> events.build(new RequestInput("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11", "a", null,
                null, "1-2-3-4-5"))).hasMessage("eventId '1-2-3-4-5' is not a UUID");
    }
}
