package io.github.reselleroffboarding.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionChange;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.partnercenter.simulator.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The subscription writes a clean-up sends, against the simulator over HTTP. */
class SubscriptionWritesClientTest {

    static final TenantId CUSTOMER = TenantId.parse("9d1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a33");
    static final CallContext CONTEXT = new CallContext("4d3c2b1a-0000-4000-8000-000000000002", null);

    /** A second plan, with a GUID id as the Azure subscriptions read needs. */
    static final String PLAN_GUID = "5e6f7a8b-0000-4000-8000-00000000aa01";

    SimulatedPartnerCenter pc;

    @BeforeEach
    void start() {
        Instant now = Instant.now();
        pc = new SimulatedPartnerCenter(SimulatorSettings.defaults().withCustomers(List.of(
                SeedCustomer.customer(CUSTOMER.value())
                        .subscription("legacy-1", "Office 365 E3", "active")
                        .rawSubscription(SeedCustomer.nceSubscriptionJson("nce-closed", "Microsoft 365 E5", "active",
                                now.minus(Duration.ofDays(3)), now.plus(Duration.ofDays(300)), true))
                        .rawSubscription(SeedCustomer.azurePlanJson("plan-1", "active"))
                        .rawSubscription(SeedCustomer.azurePlanJson(PLAN_GUID, "active"))
                        .azureEntitlement(PLAN_GUID, SeedCustomer.azureEntitlementJson("az-2", "Test", "active"))
                        .azureEntitlement("plan-1", SeedCustomer.azureEntitlementJson("az-1", "Prod", "active"))
                        .build())));
    }

    @AfterEach
    void stop() {
        pc.close();
    }

    @Test
    void suspendsWithTheEtagItWasReadWithAndReturnsTheSubscriptionAsAnswered() {
        Subscription read = read("legacy-1");

        Subscription answered = pc.client.updateSubscription(CUSTOMER, read, SubscriptionChange.SUSPEND, "req-1",
                CONTEXT).block();

        assertThat(read.etag()).isNotBlank();
        assertThat(answered.status()).isEqualTo(SubscriptionStatus.SUSPENDED);
        assertThat(answered.etag()).isNotEqualTo(read.etag());
        assertThat(pc.simulator.recentRequests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("PATCH");
            assertThat(r.headers()).containsEntry("If-Match", read.etag());
        });
    }

    @Test
    void aCopySentAgainWithTheOldEtagIsRefusedNotAppliedTwice() {
        Subscription read = read("nce-closed");
        pc.client.updateSubscription(CUSTOMER, read, SubscriptionChange.AUTO_RENEW_OFF, "req-2", CONTEXT).block();

        PartnerCenterRejectedException again = catchThrowableOfType(PartnerCenterRejectedException.class,
                () -> pc.client.updateSubscription(CUSTOMER, read, SubscriptionChange.AUTO_RENEW_OFF, "req-2",
                        CONTEXT).block());

        assertThat(again.httpStatus()).isEqualTo(412);
        assertThat(again.errorCode()).contains("2055");
        assertThat(pc.simulator.counters().appliedWrites(CUSTOMER.value(), "auto-renew-off")).isEqualTo(1);
    }

    @Test
    void aCancellationPastItsWindowIsARefusalWithPartnerCentersCode() {
        PartnerCenterRejectedException refused = catchThrowableOfType(PartnerCenterRejectedException.class,
                () -> pc.client.updateSubscription(CUSTOMER, read("nce-closed"), SubscriptionChange.CANCEL, "req-3",
                        CONTEXT).block());

        assertThat(refused.errorCode()).contains("900117");
        assertThat(refused.description()).contains("cancellation window");
    }

    @Test
    void cancelsAnAzureSubscriptionUnderItsPlanWithTheDocumentedReasonAndReadsItInactive() {
        pc.client.cancelAzureSubscription(CUSTOMER, PLAN_GUID, "az-2", "req-azure-1", CONTEXT).block();

        assertThat(pc.client.azureEntitlements(CUSTOMER, PLAN_GUID, CONTEXT).collectList().block())
                .singleElement().satisfies(azure -> assertThat(azure.active()).isFalse());
        assertThat(pc.simulator.recentRequests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.uri()).endsWith("/subscriptions/" + PLAN_GUID + "/azureEntitlements/az-2/cancel");
            assertThat(r.headers()).containsEntry("MS-RequestId", "req-azure-1");
        });
        assertThat(pc.simulator.counters().appliedWrites(CUSTOMER.value(), "cancel-azure-subscription"))
                .isEqualTo(1);
    }

    @Test
    void aSecondAzureCancellationWhileOneIsUnderWayIsARefusalWithItsCode() {
        pc.simulator.azureCancellationDelay(Duration.ofHours(1));
        pc.client.cancelAzureSubscription(CUSTOMER, "plan-1", "az-1", "req-azure-1", CONTEXT).block();

        PartnerCenterRejectedException refused = catchThrowableOfType(PartnerCenterRejectedException.class,
                () -> pc.client.cancelAzureSubscription(CUSTOMER, "plan-1", "az-1", "req-azure-2", CONTEXT)
                        .block());
        PartnerCenterRejectedException unknown = catchThrowableOfType(PartnerCenterRejectedException.class,
                () -> pc.client.cancelAzureSubscription(CUSTOMER, "plan-1", "az-nope", "req-azure-3", CONTEXT)
                        .block());

        assertThat(refused.httpStatus()).isEqualTo(409);
        assertThat(refused.errorCode()).contains("800060");
        assertThat(unknown.httpStatus()).as("the Azure subscription, not the customer").isEqualTo(404);
        assertThat(unknown.errorCode()).contains("800111");
    }

    @Test
    void aForbiddenSuspendOfAnAzurePlanRefusesThatWriteNotTheServicesAccess() {
        PartnerCenterRejectedException refused = catchThrowableOfType(PartnerCenterRejectedException.class,
                () -> pc.client.updateSubscription(CUSTOMER, read("plan-1"), SubscriptionChange.SUSPEND, "req-4",
                        CONTEXT).block());

        assertThat(refused.httpStatus()).isEqualTo(403);
        assertThat(refused.errorCode()).contains("900115");
    }

    @Test
    void anUnknownSubscriptionIsARefusalNotACustomerGone() {
        Throwable failure = catchThrowableOfType(PartnerCenterRejectedException.class,
                () -> pc.client.subscription(CUSTOMER, "missing-1", CONTEXT).block());

        assertThat(failure).isNotInstanceOf(CustomerNotFoundException.class);
    }

    @Test
    void aSubscriptionWithoutAnEtagIsNeverWritten() {
        Subscription withoutEtag = Subscription.basic("legacy-1", "offer", "Office 365 E3", SubscriptionStatus.ACTIVE);

        assertThat(catchThrowableOfType(PartnerCenterRejectedException.class,
                () -> pc.client.updateSubscription(CUSTOMER, withoutEtag, SubscriptionChange.SUSPEND, "req-5",
                        CONTEXT).block())).hasMessageContaining("ETag");
        assertThat(pc.simulator.counters().writes(CUSTOMER.value())).isZero();
    }

    private Subscription read(String id) {
        return pc.client.subscription(CUSTOMER, id, CONTEXT).block();
    }
}
