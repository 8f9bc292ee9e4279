package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.preview;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.events.OffboardMode;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.ids.DerivedIds;
import io.github.reselleroffboarding.partnercenter.simulator.FailNext;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Preview requests ({@code mode: PREVIEW}) end to end: real broker, registry and simulator, the consumer in this
 * JVM. A preview makes every read a removal makes, writes nothing, and is answered by one {@code OffboardAssessed}.
 */
@IntegrationTest
class PreviewIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;

    PreviewIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void start() {
        env.resetPartnerCenter();
        harness = new OffboardingHarness(env, 3).with("REQUEST_RETRY_BUDGET", "5m");
        harness.start();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void everyProductFamilyIsAssessedWithWhatClearsItAndWhenAndNothingIsWritten() {
        Instant window = Instant.now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
        Instant termEnd = Instant.now().plus(Duration.ofDays(200)).truncatedTo(ChronoUnit.SECONDS);
        String plan = "a2a2a2a2-0000-4000-8000-00000000a001";
        Map<String, String> tenants = new LinkedHashMap<>();
        for (String name : List.of("legacy", "nce-window", "nce-ending", "nce-renewing", "azure-plan", "reservation",
                "savings-plan", "marketplace", "software", "clean", "advisor", "unknown", "removed-elsewhere")) {
            tenants.put(name, newTenant());
        }
        put(tenants.get("legacy"), b -> b.subscription("l-1", "Office 365 E3", "active"));
        put(tenants.get("nce-window"), b -> b.rawSubscription(SeedCustomer.nceSubscriptionJson("n-1", "M365 Basic",
                "suspended", window, termEnd, true)));
        put(tenants.get("nce-ending"), b -> b.rawSubscription(SeedCustomer.nceSubscriptionJson("n-2", "M365 E5",
                "active", null, termEnd, false)));
        put(tenants.get("nce-renewing"), b -> b.rawSubscription(SeedCustomer.nceSubscriptionJson("n-3", "M365 E3",
                "active", null, termEnd, true)));
        put(tenants.get("azure-plan"), b -> b.rawSubscription(SeedCustomer.azurePlanJson(plan, "active"))
                .azureEntitlement(plan, SeedCustomer.azureEntitlementJson("3f15978e-0000-4000-8000-000000000001",
                        "Production", "active")));
        put(tenants.get("reservation"), b -> b.reservedInstance("ri-1", "virtualmachines", termEnd));
        put(tenants.get("savings-plan"), b -> b.rawSubscription(SeedCustomer.savingsPlanJson("sp-1", termEnd,
                false)));
        put(tenants.get("marketplace"), b -> b.rawSubscription(SeedCustomer.marketplaceJson("m-1", "Contoso CRM",
                "Contoso Apps", "active")));
        put(tenants.get("software"), b -> b.rawSubscription(SeedCustomer.softwareSubscriptionJson("sw-1",
                "Windows Server 2022", "active")).allowDelegatedAccess(false));
        put(tenants.get("clean"), b -> b.subscription("old-1", "Visio", "suspended").allowDelegatedAccess(true));
        put(tenants.get("advisor"), b -> b.relationshipToPartner("advisor"));
        put(tenants.get("removed-elsewhere"), b -> b);
        partnerCenter.removeElsewhere(tenants.get("removed-elsewhere"), "jane.admin@partner.example",
                Instant.now().minus(Duration.ofDays(3)));
        partnerCenter.resetCounters();

        tenants.values().forEach(tenant -> harness.publish(preview(tenant)));

        Map<String, OffboardAssessed> byTenant = harness.assessments(tenants.size(), WAIT).stream()
                .collect(Collectors.toMap(OffboardAssessed::getCustomerTenantId, Function.identity()));
        assertThat(byTenant).hasSize(tenants.size());
        assertBlocked(byTenant.get(tenants.get("legacy")), BlockReasonCode.ACTIVE_SUBSCRIPTION, ClearingAction.SUSPEND);
        OffboardAssessed inWindow = byTenant.get(tenants.get("nce-window"));
        assertBlocked(inWindow, BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED, ClearingAction.CANCEL_BEFORE_DEADLINE);
        assertThat(inWindow.getBlockers().get(0).getActionDeadline()).isEqualTo(window);
        OffboardAssessed ending = byTenant.get(tenants.get("nce-ending"));
        assertBlocked(ending, BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED,
                ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY);
        assertThat(ending.getEarliestRemovableAt()).isEqualTo(termEnd);
        OffboardAssessed renewing = byTenant.get(tenants.get("nce-renewing"));
        assertBlocked(renewing, BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED,
                ClearingAction.TURN_OFF_AUTO_RENEW_AND_WAIT);
        assertThat(renewing.getEarliestRemovableAt()).as("an auto-renewing term never ends by itself").isNull();
        assertBlocked(byTenant.get(tenants.get("azure-plan")), BlockReasonCode.ACTIVE_AZURE_PLAN,
                ClearingAction.CANCEL_AZURE_SUBSCRIPTIONS_THEN_SUSPEND_PLAN);
        OffboardAssessed reservation = byTenant.get(tenants.get("reservation"));
        assertBlocked(reservation, BlockReasonCode.ACTIVE_AZURE_RESERVED_VM_INSTANCE,
                ClearingAction.CANCEL_OR_EXCHANGE_IN_AZURE_PORTAL);
        assertThat(reservation.getEarliestRemovableAt()).isEqualTo(termEnd);
        OffboardAssessed savings = byTenant.get(tenants.get("savings-plan"));
        assertBlocked(savings, BlockReasonCode.ACTIVE_AZURE_SAVINGS_PLAN, ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY);
        assertThat(savings.getEarliestRemovableAt()).isEqualTo(termEnd);
        assertBlocked(byTenant.get(tenants.get("marketplace")), BlockReasonCode.ACTIVE_MARKETPLACE_SUBSCRIPTION,
                ClearingAction.TURN_OFF_AUTO_RENEW_AND_WAIT);

        OffboardAssessed software = byTenant.get(tenants.get("software"));
        assertThat(software.getRemovable()).isTrue();
        assertThat(software.getNotices()).extracting(BlockReason::getCode)
                .containsExactly(BlockReasonCode.SOFTWARE_PURCHASE);
        OffboardAssessed clean = byTenant.get(tenants.get("clean"));
        assertThat(clean.getRemovable()).isTrue();
        assertThat(clean.getBlockers()).isEmpty();
        assertThat(clean.getEarliestRemovableAt()).isEqualTo(clean.getAssessedAt());
        assertThat(clean.getNotices()).extracting(BlockReason::getCode, BlockReason::getResourceId)
                .containsExactly(tuple(BlockReasonCode.SUBSCRIPTION_LEFT, "old-1"),
                        tuple(BlockReasonCode.DELEGATED_ADMIN_ACCESS, null));
        assertThat(clean.getRelationshipBefore()).isEqualTo("reseller");

        assertThat(byTenant.get(tenants.get("advisor")).getBlockers()).extracting(BlockReason::getCode)
                .containsExactly(BlockReasonCode.NOT_A_RESELLER_CUSTOMER);
        assertThat(byTenant.get(tenants.get("unknown")).getBlockers()).extracting(BlockReason::getCode)
                .containsExactly(BlockReasonCode.CUSTOMER_NOT_FOUND);
        OffboardAssessed gone = byTenant.get(tenants.get("removed-elsewhere"));
        assertThat(gone.getAlreadyRemoved()).isTrue();
        assertThat(gone.getRemovable()).isFalse();
        assertThat(gone.getNotices()).singleElement().satisfies(n -> {
            assertThat(n.getCode()).isEqualTo(BlockReasonCode.ALREADY_REMOVED);
            assertThat(n.getMessage()).contains("jane.admin@partner.example");
        });

        var counters = partnerCenter.counters();
        assertThat(counters.patchesByCustomer()).as("a preview never PATCHes").isEmpty();
        List<String> readPaths = partnerCenter.recentRequests().stream().filter(r -> r.method().equals("GET"))
                .map(r -> pathOf(r.uri())).toList();
        // the three first reads go out at once and the first "not found" cancels the others, so for the two
        // tenants Partner Center does not know as ours the customer read itself may never reach the simulator
        List<String> unreadable = List.of(tenants.get("unknown"), tenants.get("removed-elsewhere"));
        tenants.values().stream().filter(tenant -> !unreadable.contains(tenant)).forEach(tenant ->
                assertThat(readPaths).as("the customer %s is read, as for a removal", tenant)
                        .contains("/v1/customers/" + tenant));
        unreadable.forEach(tenant -> assertThat(readPaths).as("%s is asked about", tenant)
                .anyMatch(path -> path.startsWith("/v1/customers/" + tenant)));
        assertThat(counters.calls("GET /v1/customers/{id}/subscriptions/{planId}/azureEntitlements"))
                .as("and the Azure subscriptions under the plan").isPositive();
        assertThat(harness.removedOutcomes(1, Duration.ofMillis(500))).isEmpty();
        assertThat(harness.blockedOutcomes(1, Duration.ofMillis(500))).isEmpty();
        assertThat(harness.outcomeRecords(harness.assessed, tenants.size(), WAIT)).extracting(r -> r.key())
                .as("keyed by the tenant").containsExactlyInAnyOrderElementsOf(tenants.values());
    }

    @Test
    void aPreviewLeavesNothingBehindThatChangesTheRemovalThatFollows() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscription("old-1", "Visio", "suspended").build());
        CustomerOffboardRequested first = preview(tenant);

        harness.publish(first);
        OffboardAssessed assessed = single(harness.assessments(1, WAIT));
        assertThat(assessed.getRemovable()).isTrue();
        assertThat(assessed.getEventId()).isEqualTo(DerivedIds.outcomeEventId(first.getEventId()));
        assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(tenant);

        CustomerOffboardRequested removal = request(tenant);
        harness.publish(removal);
        RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getRequestEventId()).isEqualTo(removal.getEventId());
        assertThat(removed.getRemovedBy()).as("the preview did not count as a removal").isEqualTo(RemovedBy.THIS_REQUEST);
        assertThat(removed.getAlreadyRemoved()).isFalse();
        assertThat(removed.getPartnerCenterRequestId()).isEqualTo(DerivedIds.partnerCenterRequestId(
                removal.getEventId(), "remove-relationship"));
        assertThat(partnerCenter.counters().patchesByCustomer()).containsEntry(tenant, 1L);

        harness.publish(preview(tenant));
        List<OffboardAssessed> both = harness.assessments(2, WAIT);
        assertThat(both).hasSize(2);
        OffboardAssessed after = both.get(1);
        assertThat(after.getAlreadyRemoved()).isTrue();
        assertThat(after.getNotices()).singleElement().satisfies(n -> assertThat(n.getMessage())
                .contains("This service removed the relationship earlier (request " + removal.getEventId()));
        assertThat(partnerCenter.counters().patchesByCustomer()).containsEntry(tenant, 1L);
    }

    @Test
    void aPreviewPublishedTwiceGetsOneAssessment() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscription("l-1", "Office 365 E3", "active")
                .build());
        CustomerOffboardRequested once = preview(tenant);
        CustomerOffboardRequested marker = preview(tenant);

        harness.publish(once, once, marker);

        // the marker is answered after the copy (one tenant, one lane, in order): once it is there, so is
        // anything the copy could have caused
        List<OffboardAssessed> answers = harness.assessments(2, WAIT);
        assertThat(answers).extracting(OffboardAssessed::getRequestEventId)
                .containsExactly(once.getEventId(), marker.getEventId());
        assertThat(harness.assessments(3, Duration.ofSeconds(2))).hasSize(2);
    }

    @Test
    void aPreviewStuckOnPartnerCenterNeverHoldsUpAnotherTenantsRemoval() {
        String stuck = newTenant();
        String other = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(stuck).build());
        partnerCenter.putCustomer(SeedCustomer.customer(other).build());
        partnerCenter.failNext(FailNext.status(1_000_000, 503).forCustomer(stuck));

        harness.publish(preview(stuck));
        harness.publish(request(other));

        assertThat(single(harness.removedOutcomes(1, WAIT)).getCustomerTenantId()).isEqualTo(other);
        // the stuck preview cannot have been answered: every call about its tenant still fails
        assertThat(harness.assessments(1, Duration.ofMillis(500))).isEmpty();

        partnerCenter.failNext(FailNext.status(0, 503));
        // the next retry may be up to 45 s away (30 s backoff, jittered)
        OffboardAssessed assessed = single(harness.assessments(1, Duration.ofMinutes(3)));
        assertThat(assessed.getCustomerTenantId()).isEqualTo(stuck);
        assertThat(assessed.getRemovable()).isTrue();
        assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(stuck);
    }

    @Test
    void anInvalidPreviewIsAssessedSayingWhyWithoutCallingPartnerCenter() {
        partnerCenter.resetCounters();
        CustomerOffboardRequested invalid = CustomerOffboardRequested.newBuilder(request("not-a-guid"))
                .setMode(OffboardMode.PREVIEW).build();

        harness.publish(invalid);

        OffboardAssessed assessed = single(harness.assessments(1, WAIT));
        assertThat(assessed.getCustomerTenantId()).isEqualTo("not-a-guid");
        assertThat(assessed.getRemovable()).isFalse();
        assertThat(assessed.getBlockers()).singleElement().satisfies(b -> {
            assertThat(b.getCode()).isEqualTo(BlockReasonCode.INVALID_REQUEST);
            assertThat(b.getMessage()).contains("not a GUID").contains("nothing was sent to Partner Center");
        });
        assertThat(partnerCenter.counters().totalApiCalls()).isZero();
        assertThat(harness.blockedOutcomes(1, Duration.ofMillis(500))).isEmpty();
    }

    private void put(String tenant, Function<SeedCustomer.Builder, SeedCustomer.Builder> seed) {
        partnerCenter.putCustomer(seed.apply(SeedCustomer.customer(tenant)).build());
    }

    private static void assertBlocked(OffboardAssessed assessed, BlockReasonCode code, ClearingAction action) {
        assertThat(assessed.getRemovable()).isFalse();
        assertThat(assessed.getAlreadyRemoved()).isFalse();
        assertThat(assessed.getBlockers()).extracting(BlockReason::getCode, BlockReason::getAction)
                .as(assessed.getCustomerTenantId()).containsExactly(tuple(code, action));
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }
}
