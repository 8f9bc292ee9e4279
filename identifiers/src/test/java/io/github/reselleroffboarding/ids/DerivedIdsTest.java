package io.github.reselleroffboarding.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class DerivedIdsTest {

    @Test
    void nameBasedIdsMatchTheRfcVersion5Algorithm() {
        // Same value as Python's uuid.uuid5(uuid.NAMESPACE_DNS, "www.example.com").
        UUID dnsNamespace = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        UUID id = DerivedIds.nameBased(dnsNamespace, "www.example.com");

        assertThat(id).isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void theSameRequestAlwaysGetsTheSameOutcomeId() {
        assertThat(DerivedIds.outcomeEventId("e-1")).isEqualTo(DerivedIds.outcomeEventId("e-1"));
        assertThat(DerivedIds.outcomeEventId("e-1")).isNotEqualTo(DerivedIds.outcomeEventId("e-2"));
    }

    @Test
    void partnerCenterRequestIdsDifferPerOperationAndAreStablePerRequest() {
        String remove = DerivedIds.partnerCenterRequestId("e-1", "remove-relationship");

        assertThat(DerivedIds.partnerCenterRequestId("e-1", "remove-relationship")).isEqualTo(remove);
        assertThat(DerivedIds.partnerCenterRequestId("e-1", "list-subscriptions")).isNotEqualTo(remove);
        assertThat(DerivedIds.partnerCenterRequestId("e-2", "remove-relationship")).isNotEqualTo(remove);
        assertThat(remove).isNotEqualTo(DerivedIds.outcomeEventId("e-1"));
    }

    @Test
    void requestAndOperationCannotBeConfusedByConcatenation() {
        assertThat(DerivedIds.partnerCenterRequestId("a", "bc"))
                .isNotEqualTo(DerivedIds.partnerCenterRequestId("ab", "c"));
    }
}
