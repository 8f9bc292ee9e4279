package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.SubscriptionSummary;
import io.github.reselleroffboarding.ids.DerivedIds;
import io.github.reselleroffboarding.partnercenter.simulator.Counters;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule, end to end: real broker, registry and simulator, the consumer in this JVM. */
@IntegrationTest
class OffboardingRulesIT {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Instant NEXT_YEAR = Instant.parse("2099-01-01T00:00:00Z"); // unexpired for any run

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;

    OffboardingRulesIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void start() {
        env.resetPartnerCenter();
        partnerCenter.pageSize(10);
        harness = new OffboardingHarness(env, 3);
        harness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aCleanCustomerIsRemovedWithOnePatchAndTheDerivedEventId() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscription("sub-old", "Old plan", "suspended").build());
        CustomerOffboardRequested request = request(tenant);

        harness.publish(request);

        RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getEventId()).isEqualTo(DerivedIds.outcomeEventId(request.getEventId()));
        assertThat(removed.getRequestEventId()).isEqualTo(request.getEventId());
        assertThat(removed.getCustomerTenantId()).isEqualTo(tenant);
        assertThat(removed.getAlreadyRemoved()).isFalse();
        assertThat(removed.getRequestedBy()).isEqualTo("crm-test");
        assertThat(removed.getCorrelationId()).isEqualTo(request.getCorrelationId());
        assertThat(removed.getSubscriptionsChecked()).isEqualTo(1);
        assertThat(removed.getRemainingSubscriptions()).extracting(SubscriptionSummary::getStatus)
                .containsExactly("suspended");
        assertThat(removed.getPartnerCenterRequestId()).isEqualTo(DerivedIds.partnerCenterRequestId(
                request.getEventId(), "remove-relationship"));
        assertThat(partnerCenter.counters().patchesByCustomer()).containsEntry(tenant, 1L);
        assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
        assertThat(harness.outcomeRecords(harness.removed, 1, WAIT).get(0).key()).isEqualTo(tenant);
    }

    @Test
    void activeSubscriptionsAcrossSeveralPagesAreEachABlocker() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscriptions(25, "active", "Microsoft 365 E3")
                .subscription("sub-susp", "Visio", "suspended").build());

        harness.publish(request(tenant));

        OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
        assertThat(blocked.getReasons()).hasSize(25).allSatisfy(r -> {
            assertThat(r.getCode()).isEqualTo(BlockReasonCode.ACTIVE_SUBSCRIPTION);
            assertThat(r.getResourceName()).startsWith("Microsoft 365 E3 #");
        });
        assertThat(blocked.getReasons()).extracting(BlockReason::getResourceId).doesNotHaveDuplicates();
        assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(tenant);
    }

    @Test
    void vmAndSqlReservationsIncludingNestedAndLegacyOnesBlockButExpiredOnesDoNot() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant)
                .reservedInstance("ri-vm", "virtualmachines", NEXT_YEAR)
                .reservedInstance("ri-sql", "sqldatabases", NEXT_YEAR)
                .reservedInstance("ri-expired", "virtualmachines", Instant.now().minus(Duration.ofDays(2)))
                .legacyVmReservedInstance("ri-legacy", NEXT_YEAR)
                .software("sw", SeedCustomer.reservedInstanceJson("ri-nested", "VirtualMachines", NEXT_YEAR))
                .build());

        harness.publish(request(tenant));

        OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
        assertThat(blocked.getReasons()).extracting(BlockReason::getCode, BlockReason::getResourceId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE, "ri-vm"),
                        org.assertj.core.groups.Tuple.tuple(BlockReasonCode.ACTIVE_AZURE_RESERVATION, "ri-sql"),
                        org.assertj.core.groups.Tuple.tuple(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE,
                                "ri-legacy"),
                        org.assertj.core.groups.Tuple.tuple(BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE,
                                "ri-nested"));
    }

    @Test
    void everyProductFamilyIsJudgedFromItsWireShapeWithWhatClearsItAndByWhen() {
        String tenant = newTenant();
        Instant window = Instant.now().plus(Duration.ofDays(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant termEnd = Instant.now().plus(Duration.ofDays(200)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String plan = "a2a2a2a2-0000-4000-8000-00000000a001";
        partnerCenter.putCustomer(SeedCustomer.customer(tenant)
                .rawSubscription(SeedCustomer.nceSubscriptionJson("nce-1", "M365 Business Basic", "suspended", window,
                        termEnd, true))
                .rawSubscription(SeedCustomer.nceSubscriptionJson("nce-2", "M365 E5", "active", null, termEnd, false))
                .subscription("legacy-1", "Office 365 E1", "pending")
                .subscription("legacy-2", "Office 365 E3", "suspended")
                .rawSubscription(SeedCustomer.trialJson("trial-1", "Teams Premium trial", "active"))
                .rawSubscription(SeedCustomer.addOnJson("addon-1", "Audio Conferencing", "nce-2", "active"))
                .rawSubscription(SeedCustomer.marketplaceJson("m-1", "Contoso CRM", "Contoso Apps", "active"))
                .rawSubscription(SeedCustomer.softwareSubscriptionJson("sw-1", "Windows Server 2022", "active"))
                .rawSubscription(SeedCustomer.savingsPlanJson("sp-1", termEnd, false))
                .rawSubscription(SeedCustomer.azurePlanJson(plan, "active"))
                .azureEntitlement(plan, SeedCustomer.azureEntitlementJson("3f15978e-0000-4000-8000-000000000001",
                        "Production", "active"))
                .build());

        harness.publish(request(tenant));

        OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
        assertThat(blocked.getReasons()).extracting(BlockReason::getResourceId, BlockReason::getCode,
                BlockReason::getProductFamily, BlockReason::getAction).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("nce-1", BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED,
                        ProductFamily.NCE_LICENSE, ClearingAction.CANCEL_BEFORE_DEADLINE),
                org.assertj.core.groups.Tuple.tuple("nce-2", BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED,
                        ProductFamily.NCE_LICENSE, ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY),
                org.assertj.core.groups.Tuple.tuple("legacy-1", BlockReasonCode.ACTIVE_SUBSCRIPTION,
                        ProductFamily.LEGACY_LICENSE, ClearingAction.SUSPEND),
                org.assertj.core.groups.Tuple.tuple("trial-1", BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED,
                        ProductFamily.TRIAL, ClearingAction.CANCEL),
                org.assertj.core.groups.Tuple.tuple("addon-1", BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED,
                        ProductFamily.ADD_ON, ClearingAction.TURN_OFF_AUTO_RENEW_AND_WAIT),
                org.assertj.core.groups.Tuple.tuple("m-1", BlockReasonCode.ACTIVE_MARKETPLACE_SUBSCRIPTION,
                        ProductFamily.MARKETPLACE, ClearingAction.TURN_OFF_AUTO_RENEW_AND_WAIT),
                org.assertj.core.groups.Tuple.tuple("sp-1", BlockReasonCode.ACTIVE_AZURE_SAVINGS_PLAN,
                        ProductFamily.AZURE_SAVINGS_PLAN, ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY),
                org.assertj.core.groups.Tuple.tuple("3f15978e-0000-4000-8000-000000000001",
                        BlockReasonCode.ACTIVE_AZURE_PLAN, ProductFamily.AZURE_SUBSCRIPTION,
                        ClearingAction.CANCEL_AZURE_SUBSCRIPTIONS_THEN_SUSPEND_PLAN));
        assertThat(blocked.getReasons()).filteredOn(r -> r.getResourceId().equals("nce-1")).singleElement()
                .satisfies(r -> {
                    assertThat(r.getActionDeadline()).isEqualTo(window);
                    assertThat(r.getStatus()).isEqualTo("suspended");
                    assertThat(r.getResellerOfRecord()).isEqualTo("4847383");
                });
        assertThat(blocked.getReasons()).filteredOn(r -> r.getResourceId().equals("sp-1")).singleElement()
                .satisfies(r -> assertThat(r.getEndsAt()).isEqualTo(termEnd));
        assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(tenant);
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        String tenant = newTenant();

        harness.publish(request(tenant));

        OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
        assertThat(blocked.getReasons()).singleElement().satisfies(r -> {
            assertThat(r.getCode()).isEqualTo(BlockReasonCode.CUSTOMER_NOT_FOUND);
            assertThat(r.getMessage()).contains("HTTP 404");
        });
    }

    @Test
    void anInvalidRequestIsBlockedWithoutCallingPartnerCenter() {
        partnerCenter.resetCounters();

        harness.publish(OffboardingHarness.request("not-a-guid"));

        OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
        assertThat(blocked.getCustomerTenantId()).isEqualTo("not-a-guid");
        assertThat(blocked.getReasons()).singleElement().satisfies(r -> {
            assertThat(r.getCode()).isEqualTo(BlockReasonCode.INVALID_REQUEST);
            assertThat(r.getMessage()).contains("is not a GUID").endsWith("nothing was sent to Partner Center");
        });
        assertThat(partnerCenter.counters().totalApiCalls()).isZero();
    }

    @Test
    void theSameRequestPublishedTwiceGetsOneOutcome() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
        CustomerOffboardRequested request = request(tenant);

        harness.publish(request, request);

        assertThat(harness.removedOutcomes(2, Duration.ofSeconds(8))).hasSize(1);
        assertThat(harness.blockedOutcomes(1, Duration.ofSeconds(1))).isEmpty();
        assertThat(partnerCenter.counters().patchesByCustomer()).containsEntry(tenant, 1L);
    }

    @Test
    void aNewRequestForATenantAlreadyOffboardedIsAlreadyRemovedWithoutASecondPatch() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
        CustomerOffboardRequested first = request(tenant);
        CustomerOffboardRequested second = request(tenant);

        harness.publish(first, second);

        List<RelationshipRemoved> outcomes = harness.removedOutcomes(2, WAIT);
        assertThat(outcomes).extracting(RelationshipRemoved::getRequestEventId)
                .containsExactly(first.getEventId(), second.getEventId());
        assertThat(outcomes.get(1).getAlreadyRemoved()).isTrue();
        assertThat(outcomes.get(1).getRemovedByRequestEventId()).isEqualTo(first.getEventId());
        assertThat(partnerCenter.counters().patchesByCustomer()).containsEntry(tenant, 1L);
    }

    @Test
    void aPerpetualSoftwarePurchaseDoesNotBlockButTheRemovalNamesItAsANotice() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).software("sw-1").build());

        harness.publish(request(tenant));

        RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getNotices()).singleElement().satisfies(n -> {
            assertThat(n.getCode()).isEqualTo(BlockReasonCode.SOFTWARE_PURCHASE);
            assertThat(n.getResourceId()).isEqualTo("sw-1");
        });
    }

    @Test
    void onlySuspendedSubscriptionsDoNotBlockUnlessConfiguredTo() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscriptions(3, "suspended", "E3").build());
        harness.close();
        harness = new OffboardingHarness(env, 1).with("BLOCKING_SUBSCRIPTION_STATUSES", "active,suspended");
        harness.start();

        harness.publish(request(tenant));

        assertThat(single(harness.blockedOutcomes(1, WAIT)).getReasons()).hasSize(3)
                .allSatisfy(r -> assertThat(r.getMessage()).contains("is suspended"));
    }

    static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    static Counters counters(PartnerCenterSimulator pc) {
        return pc.counters();
    }
}
