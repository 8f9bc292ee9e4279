package io.github.reselleroffboarding.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each Partner Center answer tells the caller to do; the consumer's reaction depends on these types. */
class ErrorClassificationTest {

    @ParameterizedTest(name = "403 {0} on the removal")
    @ValueSource(strings = {"2006", "2030", "2091", "800039", "900149"})
    void aBusiness403OnTheRemovalRefusesThatCustomerOnlyNotOurIdentity(String code) {
        assertThat(PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 403, code, "not valid"))
                .isInstanceOf(PartnerCenterRejectedException.class);
    }

    @ParameterizedTest(name = "403 {0} on the removal")
    @ValueSource(strings = {"2032", "900150"})
    void anAccessDenied403IsOurIdentityEvenOnTheRemoval(String code) {
        assertThat(PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 403, code, "access denied"))
                .isInstanceOf(PartnerCenterAuthException.class);
    }

    @Test
    void a403WithoutACodeIsOurIdentity() {
        assertThat(PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 403, null, "forbidden"))
                .isInstanceOf(PartnerCenterAuthException.class);
        assertThat(PartnerCenterErrors.forAnswer(Operation.LIST_SUBSCRIPTIONS, 403, "2032", "access denied"))
                .isInstanceOf(PartnerCenterAuthException.class);
    }

    @Test
    void noRelationshipIsTheCustomerGoneOnEveryCall() {
        assertThat(PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 403, "20002", "No relationship"))
                .isInstanceOf(CustomerNotFoundException.class);
        assertThat(PartnerCenterErrors.forAnswer(Operation.GET_CUSTOMER, 404, "1000", "Not found"))
                .isInstanceOf(CustomerNotFoundException.class);
    }

    @Test
    void anAnswerIsDefiniteUnlessPartnerCenterMayStillBeWorkingOnTheCall() {
        assertThat(PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 503, "503", "busy").definiteAnswer())
                .as("a 5xx with Partner Center's body").isTrue();
        assertThat(PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 429, null, "slow down")
                .definiteAnswer()).isTrue();
        assertThat(PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 400, "3000", "Invalid property")
                .definiteAnswer()).isTrue();
        assertThat(PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 504, null, "gateway timeout")
                .definiteAnswer()).as("a bare 5xx from a gateway").isFalse();
        assertThat(PartnerCenterErrors.forAnswer(Operation.REMOVE_RELATIONSHIP, 408, null, "timeout")
                .definiteAnswer()).isFalse();
    }

    @Test
    void aConnectionThatDiedBeforeTheRequestWentOutIsATransientFailureNotTheRequestsFault() {
        assertThat(Transport.isTransportFailure(new java.nio.channels.NotYetConnectedException())).isTrue();
        assertThat(Transport.isTransportFailure(new reactor.netty.channel.AbortedException("closed"))).isTrue();
        assertThat(Transport.isTransportFailure(new IllegalArgumentException("a bug"))).isFalse();
        PartnerCenterTransientException failure = Transport.failure(Operation.GET_CUSTOMER, "id",
                new java.nio.channels.NotYetConnectedException());
        assertThat(failure.definiteAnswer()).as("no answer came").isFalse();
    }
}
