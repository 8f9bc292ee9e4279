package io.github.reselleroffboarding.consumer.it;

import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.newTenant;
import static io.github.reselleroffboarding.consumer.it.OffboardingHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.reselleroffboarding.events.CleanupAction;
import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.events.CleanupLeft;
import io.github.reselleroffboarding.events.CleanupLeftReason;
import io.github.reselleroffboarding.events.CleanupResult;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.OffboardMode;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.partnercenter.simulator.FailNext;
import io.github.reselleroffboarding.partnercenter.simulator.PartnerCenterSimulator;
import io.github.reselleroffboarding.partnercenter.simulator.SeedCustomer;
import io.github.reselleroffboarding.testkit.IntegrationTest;
import io.github.reselleroffboarding.testkit.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opt-in clean-up end to end: real broker, registry and simulator; the simulator's counters show every write. */
@IntegrationTest
class CleanupIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    final TestEnvironment env;
    final PartnerCenterSimulator partnerCenter;
    OffboardingHarness harness;

    CleanupIT(TestEnvironment env) {
        this.env = env;
        this.partnerCenter = env.partnerCenter();
    }

    @BeforeEach
    void start() {
        env.resetPartnerCenter();
        harness = new OffboardingHarness(env, 3)
                .with("CLEANUP_LEGACY", "suspend")
                .with("CLEANUP_NEW_COMMERCE", "cancel-within-window,disable-auto-renew")
                .with("CLEANUP_MARKETPLACE", "cancel-within-window");
    }

    @AfterEach
    void stop() {
        harness.close();
        env.resetPartnerCenter();
    }

    @Test
    void withoutConsentNothingIsWrittenAndTheOutcomeSaysWhatAConsentWouldHaveDone() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscriptions(3, "active", "Office 365 E3").build());
        harness.start();

        harness.publish(request(tenant));

        OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
        assertThat(blocked.getCleanupActions()).isEmpty();
        assertThat(blocked.getCleanupLeft()).hasSize(3).allSatisfy(left -> {
            assertThat(left.getReason()).isEqualTo(CleanupLeftReason.NO_CONSENT);
            assertThat(left.getAction()).isEqualTo(CleanupActionKind.SUSPEND);
        });
        assertThat(partnerCenter.counters().writes(tenant)).isZero();
        assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(tenant);
    }

    @Test
    void fortyFiveLegacySubscriptionsAreSuspendedThenTheRelationshipIsRemoved() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscriptions(45, "active", "Office 365 E3").build());
        harness.start();

        harness.publish(withCleanup(request(tenant)));

        RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getCleanupActions()).hasSize(45).allSatisfy(action -> {
            assertThat(action.getAction()).isEqualTo(CleanupActionKind.SUSPEND);
            assertThat(action.getOutcome()).isEqualTo(CleanupResult.DONE);
            assertThat(action.getProductFamily()).isEqualTo(ProductFamily.LEGACY_LICENSE);
            assertThat(action.getPartnerCenterRequestId()).isNotBlank();
            assertThat(action.getAt()).isNotNull();
        });
        assertThat(removed.getCleanupActions()).extracting(CleanupAction::getResourceId).doesNotHaveDuplicates();
        assertThat(removed.getCleanupLeft()).isEmpty();
        assertThat(partnerCenter.counters().writes(tenant, "suspend")).isEqualTo(45);
        assertThat(partnerCenter.counters().appliedWrites(tenant, "suspend")).isEqualTo(45);
        assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
    }

    @Test
    void anAzurePlansSubscriptionsAreCancelledThenThePlanSuspendedThenTheRelationshipRemoved() {
        String tenant = newTenant();
        String plan = java.util.UUID.randomUUID().toString();
        customerWithAnAzurePlan(tenant, plan);
        harness.with("CLEANUP_AZURE_PLAN", "cancel-azure-subscriptions").start();

        harness.publish(withCleanup(request(tenant)));

        RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getCleanupActions()).allSatisfy(a -> assertThat(a.getOutcome())
                .isEqualTo(CleanupResult.DONE));
        assertThat(removed.getCleanupActions().subList(0, 2)).as("the Azure subscriptions first")
                .extracting(CleanupAction::getAction, CleanupAction::getProductFamily).containsOnly(
                        org.assertj.core.groups.Tuple.tuple(CleanupActionKind.CANCEL, ProductFamily.AZURE_SUBSCRIPTION));
        assertThat(removed.getCleanupActions().subList(2, 4)).as("then, with them cancelled, the plan and the "
                + "suspension held back while they were active")
                .extracting(CleanupAction::getAction, CleanupAction::getProductFamily).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(CleanupActionKind.SUSPEND, ProductFamily.AZURE_PLAN),
                        org.assertj.core.groups.Tuple.tuple(CleanupActionKind.SUSPEND, ProductFamily.LEGACY_LICENSE));
        assertThat(removed.getCleanupLeft()).isEmpty();
        assertThat(partnerCenter.counters().writes(tenant, "cancel-azure-subscription")).isEqualTo(2);
        assertThat(partnerCenter.counters().writes(tenant, "suspend")).as("the plan and the legacy subscription, "
                + "each once, after the Azure subscriptions showed cancelled").isEqualTo(2);
        assertThat(partnerCenter.counters().calls("PATCH /v1/customers/{id}/subscriptions/{subscriptionId}", 403))
                .as("never a plan suspension Partner Center refuses for an active Azure subscription").isZero();
        assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
    }

    @Test
    void whileTheAzureCancellationsAreUnderWayTheOutcomeIsBlockedInProgressAndASecondRequestCompletesIt() {
        String tenant = newTenant();
        String plan = java.util.UUID.randomUUID().toString();
        customerWithAnAzurePlan(tenant, plan);
        partnerCenter.azureCancellationDelay(Duration.ofHours(1));
        harness.with("CLEANUP_AZURE_PLAN", "cancel-azure-subscriptions").start();

        harness.publish(withCleanup(request(tenant)));

        OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
        assertThat(blocked.getCleanupActions()).extracting(CleanupAction::getAction).containsExactly(
                CleanupActionKind.CANCEL, CleanupActionKind.CANCEL);
        assertThat(blocked.getCleanupLeft()).extracting(CleanupLeft::getReason).containsExactlyInAnyOrder(
                CleanupLeftReason.IN_PROGRESS, CleanupLeftReason.IN_PROGRESS, CleanupLeftReason.HELD_BACK);
        assertThat(blocked.getCleanupLeft()).filteredOn(l -> l.getReason() == CleanupLeftReason.IN_PROGRESS)
                .allSatisfy(l -> assertThat(l.getMessage()).contains("Send the request again"));
        assertThat(partnerCenter.counters().writes(tenant, "suspend")).as("nothing suspended while blocked")
                .isZero();

        partnerCenter.completeAzureCancellations();
        harness.publish(withCleanup(request(tenant)));

        RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getCleanupActions()).extracting(CleanupAction::getAction).containsExactly(
                CleanupActionKind.SUSPEND, CleanupActionKind.SUSPEND);
        assertThat(partnerCenter.counters().writes(tenant, "cancel-azure-subscription"))
                .as("the second request finds them cancelled and sends no cancellation").isEqualTo(2);
        assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
    }

    @Test
    void withoutAnAzurePlanPolicyNothingUnderThePlanIsTouched() {
        String tenant = newTenant();
        customerWithAnAzurePlan(tenant, java.util.UUID.randomUUID().toString());
        harness.start();

        harness.publish(withCleanup(request(tenant)));

        OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
        assertThat(blocked.getCleanupLeft()).filteredOn(l -> l.getProductFamily() == ProductFamily.AZURE_SUBSCRIPTION)
                .hasSize(2).allSatisfy(l -> {
                    assertThat(l.getReason()).isEqualTo(CleanupLeftReason.NOT_ALLOWED_BY_POLICY);
                    assertThat(l.getMessage()).contains("cancel-azure-subscriptions");
                });
        assertThat(partnerCenter.counters().writes(tenant)).isZero();
    }

    @Test
    void aNewCommerceSubscriptionPastItsWindowGetsAutoRenewOffAndABlockedOutcomeWithTheDayItEnds() {
        String tenant = newTenant();
        Instant termEnd = Instant.now().plus(Duration.ofDays(200)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).rawSubscription(SeedCustomer.nceSubscriptionJson(
                "nce-1", "Microsoft 365 E5", "active", Instant.now().minus(Duration.ofDays(20)), termEnd, true))
                .build());
        harness.start();

        harness.publish(withCleanup(request(tenant)));

        OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
        assertThat(blocked.getCleanupActions()).singleElement().satisfies(action -> {
            assertThat(action.getAction()).isEqualTo(CleanupActionKind.TURN_OFF_AUTO_RENEW);
            assertThat(action.getOutcome()).isEqualTo(CleanupResult.DONE);
        });
        assertThat(blocked.getCleanupLeft()).singleElement().satisfies(left -> {
            assertThat(left.getReason()).isEqualTo(CleanupLeftReason.OUTSIDE_CANCELLATION_WINDOW);
            assertThat(left.getEndsAt()).isEqualTo(termEnd);
            assertThat(left.getMessage()).contains("Auto-renew is now off").contains(termEnd.toString()
                    .substring(0, 10));
        });
        assertThat(partnerCenter.counters().appliedWrites(tenant, "auto-renew-off")).isEqualTo(1);
        assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(tenant);
    }

    @Test
    void aRefusedCancellationNeverLeadsToThePatchAndIsReportedWithItsCode() {
        String tenant = newTenant();
        Instant now = Instant.now();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant)
                .rawSubscription(SeedCustomer.nceSubscriptionJson("nce-open", "Microsoft 365 E3", "active",
                        now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(300)), true))
                .rawSubscription(SeedCustomer.nceSubscriptionJson("nce-suspended", "Teams", "suspended",
                        now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(300)), true))
                .build());
        harness.start();

        harness.publish(withCleanup(request(tenant)));

        OffboardBlocked blocked = single(harness.blockedOutcomes(1, WAIT));
        assertThat(blocked.getCleanupActions()).extracting(CleanupAction::getResourceId, CleanupAction::getOutcome)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("nce-open", CleanupResult.DONE),
                        org.assertj.core.groups.Tuple.tuple("nce-suspended", CleanupResult.REFUSED));
        assertThat(blocked.getCleanupLeft()).singleElement().satisfies(left -> {
            assertThat(left.getResourceId()).isEqualTo("nce-suspended");
            assertThat(left.getReason()).isEqualTo(CleanupLeftReason.REFUSED);
            assertThat(left.getErrorCode()).isEqualTo("800091");
        });
        assertThat(blocked.getReasons()).singleElement().satisfies(r -> assertThat(r.getResourceId())
                .isEqualTo("nce-suspended"));
        assertThat(partnerCenter.counters().patchesByCustomer()).doesNotContainKey(tenant);
    }

    @Test
    void aStaleEtagIsReadAgainAndTheWriteSentOnceMoreWithTheFreshOne() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscription("legacy-1", "Office 365 E3", "active")
                .build());
        partnerCenter.failNext(FailNext.status(1, 412).forCustomer(tenant).onlyFor("PATCH"));
        harness.start();

        harness.publish(withCleanup(request(tenant)));

        RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getCleanupActions()).singleElement().satisfies(action -> {
            assertThat(action.getOutcome()).isEqualTo(CleanupResult.DONE);
            assertThat(action.getDetail()).contains("412");
        });
        assertThat(partnerCenter.counters().appliedWrites(tenant, "suspend")).isEqualTo(1);
    }

    @Test
    void aPreviewSaysWhichWritesACleanUpWouldSendAndSendsNone() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscriptions(2, "active", "Office 365 E3")
                .rawSubscription(SeedCustomer.savingsPlanJson("sp-1", Instant.now().plus(Duration.ofDays(90)), false))
                .build());
        harness.start();

        harness.publish(OffboardingHarness.preview(tenant));

        OffboardAssessed assessed = single(harness.assessments(1, WAIT));
        assertThat(assessed.getCleanupActions()).isEmpty();
        assertThat(assessed.getCleanupLeft()).extracting(CleanupLeft::getReason).containsExactlyInAnyOrder(
                CleanupLeftReason.CANNOT_BE_CANCELLED, CleanupLeftReason.HELD_BACK, CleanupLeftReason.HELD_BACK);
        assertThat(partnerCenter.counters().writes(tenant)).isZero();
    }

    @Test
    void aPreviewOfACustomerACleanUpWouldClearListsThePlannedWrites() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscriptions(2, "active", "Office 365 E3").build());
        harness.start();

        harness.publish(OffboardingHarness.preview(tenant));

        OffboardAssessed assessed = single(harness.assessments(1, WAIT));
        assertThat(assessed.getCleanupActions()).hasSize(2).allSatisfy(action -> {
            assertThat(action.getOutcome()).isEqualTo(CleanupResult.PLANNED);
            assertThat(action.getPartnerCenterRequestId()).isNull();
        });
        assertThat(partnerCenter.counters().writes(tenant)).isZero();
    }

    @Test
    void killedWithWritesInFlightAndRestartedEveryWriteReachesPartnerCenterOnceAndOneOutcomeFollows()
            throws Exception {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscriptions(6, "active", "Office 365 E3").build());
        // the first four writes are carried out and never answered: the consumer dies holding them, and the
        // other two (four are sent at once) were recorded but never sent
        partnerCenter.failNext(new FailNext(4, 0, -1, tenant, "PATCH", true));
        harness.with("PARTNER_CENTER_TIMEOUT", "120s").with("CONSUMER_INSTANCE_ID", "cleanup-crash");
        Path log = Files.createTempFile(Path.of("target"), "cleanup-crash-", ".log");
        ConsumerProcess consumer = ConsumerProcess.start(harness.environment, log);
        try {
            harness.publish(withCleanup(request(tenant)));
            await().atMost(WAIT).until(() -> partnerCenter.counters().appliedWrites(tenant, "suspend") == 4);
            consumer.kill();
            consumer.close();
            assertThat(partnerCenter.counters().writes(tenant)).as("only four went out before the kill")
                    .isEqualTo(4);

            consumer = ConsumerProcess.start(harness.environment, log);
            RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));

            assertThat(removed.getCleanupActions()).hasSize(6).allSatisfy(action -> assertThat(action.getOutcome())
                    .isEqualTo(CleanupResult.DONE));
            assertThat(removed.getCleanupActions()).filteredOn(a -> a.getDetail().contains("earlier try"))
                    .hasSize(4);
            assertThat(partnerCenter.counters().writes(tenant, "suspend")).as("each write reached Partner Center once")
                    .isEqualTo(6);
            assertThat(partnerCenter.counters().appliedWrites(tenant, "suspend")).isEqualTo(6);
            assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
            assertThat(harness.removedOutcomes(2, Duration.ofSeconds(2))).as("one outcome").hasSize(1);
        } finally {
            consumer.close();
        }
    }

    @Test
    void afterTheRemovalThePartnersActiveGdapRelationshipsAreTerminatedAndConfirmed() {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).subscription("legacy-1", "Office 365 E3", "active")
                .build());
        partnerCenter.putGdapRelationships(tenant, List.of(
                PartnerCenterSimulator.gdapRelationship(tenant.substring(0, 8) + "-gdap-1", "Helpdesk", "active"),
                PartnerCenterSimulator.gdapRelationship(tenant.substring(0, 8) + "-gdap-2", "Global admin", "active"),
                PartnerCenterSimulator.gdapRelationship(tenant.substring(0, 8) + "-gdap-3", "Pending", "created"),
                PartnerCenterSimulator.gdapRelationship(tenant.substring(0, 8) + "-gdap-4", "Old", "terminated")));
        withGraph().start();

        harness.publish(withCleanup(request(tenant)));

        RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getCleanupActions()).extracting(CleanupAction::getAction).containsExactly(
                CleanupActionKind.SUSPEND, CleanupActionKind.TERMINATE_GDAP, CleanupActionKind.TERMINATE_GDAP);
        assertThat(removed.getCleanupActions()).filteredOn(a -> a.getAction() == CleanupActionKind.TERMINATE_GDAP)
                .allSatisfy(a -> {
                    assertThat(a.getOutcome()).isEqualTo(CleanupResult.DONE);
                    assertThat(a.getDetail()).contains("Graph accepted the terminate request").contains("shows it "
                            + "terminat");
                    assertThat(a.getPartnerCenterRequestId()).isNotBlank();
                });
        assertThat(removed.getCleanupLeft()).singleElement().satisfies(left -> {
            assertThat(left.getReason()).isEqualTo(CleanupLeftReason.NOT_AUTOMATED);
            assertThat(left.getResourceId()).endsWith("-gdap-3");
        });
        assertThat(partnerCenter.counters().gdapTerminateRequests(tenant)).isEqualTo(2);
        assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
    }

    @Test
    void whenGraphIsDownTheRemovalIsStillReportedWithTheGdapAccessLeftAndWhy() {
        String tenant = newTenant();
        customerWithOneActiveGdapRelationship(tenant);
        partnerCenter.graphOutage(true);
        withGraph().start();

        harness.publish(withCleanup(request(tenant)));

        RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getAlreadyRemoved()).isFalse();
        assertThat(removed.getCleanupLeft()).singleElement().satisfies(left -> {
            assertThat(left.getReason()).isEqualTo(CleanupLeftReason.GRAPH_UNAVAILABLE);
            assertThat(left.getAction()).isEqualTo(CleanupActionKind.TERMINATE_GDAP);
            assertThat(left.getMessage()).contains("503").contains("still active");
        });
        assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
        assertThat(harness.deadLetterRecords(1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void withoutConsentNoGdapRelationshipIsTouched() {
        String tenant = newTenant();
        customerWithOneActiveGdapRelationship(tenant);
        withGraph().start();

        harness.publish(request(tenant));

        RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));
        assertThat(removed.getCleanupActions()).isEmpty();
        assertThat(partnerCenter.counters().gdapTerminateRequests(tenant)).isZero();
        assertThat(partnerCenter.gdapRelationships(tenant)).singleElement().satisfies(r -> assertThat(
                r.get("status").asText()).isEqualTo("active"));
    }

    @Test
    void aPreviewListsTheGdapRelationshipsACleanUpWouldTerminate() {
        String tenant = newTenant();
        customerWithOneActiveGdapRelationship(tenant);
        withGraph().start();

        harness.publish(OffboardingHarness.preview(tenant));

        OffboardAssessed assessed = single(harness.assessments(1, WAIT));
        assertThat(assessed.getCleanupActions()).singleElement().satisfies(a -> {
            assertThat(a.getAction()).isEqualTo(CleanupActionKind.TERMINATE_GDAP);
            assertThat(a.getOutcome()).isEqualTo(CleanupResult.PLANNED);
        });
        assertThat(partnerCenter.counters().gdapTerminateRequests(tenant)).isZero();
    }

    @Test
    void killedWithAzureCancellationsUnansweredAndRestartedNoneIsSentAgainAndThePlanIsSuspended() throws Exception {
        String tenant = newTenant();
        customerWithAnAzurePlan(tenant, java.util.UUID.randomUUID().toString());
        // both cancellations are carried out and never answered: the consumer dies holding them
        partnerCenter.failNext(new FailNext(2, 0, -1, tenant, "POST", true));
        harness.with("CLEANUP_AZURE_PLAN", "cancel-azure-subscriptions").with("PARTNER_CENTER_TIMEOUT", "120s")
                .with("CONSUMER_INSTANCE_ID", "azure-crash");
        Path log = Files.createTempFile(Path.of("target"), "azure-crash-", ".log");
        ConsumerProcess consumer = ConsumerProcess.start(harness.environment, log);
        try {
            harness.publish(withCleanup(request(tenant)));
            await().atMost(WAIT).until(() -> partnerCenter.counters().appliedWrites(tenant,
                    "cancel-azure-subscription") == 2);
            consumer.kill();
            consumer.close();

            consumer = ConsumerProcess.start(harness.environment, log);
            RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));

            assertThat(removed.getCleanupActions()).filteredOn(a -> a.getProductFamily()
                    == ProductFamily.AZURE_SUBSCRIPTION).hasSize(2).allSatisfy(a -> {
                        assertThat(a.getOutcome()).isEqualTo(CleanupResult.DONE);
                        assertThat(a.getDetail()).contains("earlier try");
                    });
            assertThat(removed.getCleanupActions()).filteredOn(a -> a.getProductFamily() == ProductFamily.AZURE_PLAN)
                    .singleElement().satisfies(a -> assertThat(a.getAction()).isEqualTo(CleanupActionKind.SUSPEND));
            assertThat(partnerCenter.counters().writes(tenant, "cancel-azure-subscription"))
                    .as("each cancellation reached Partner Center once").isEqualTo(2);
            assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
            assertThat(harness.removedOutcomes(2, Duration.ofSeconds(2))).as("one outcome").hasSize(1);
        } finally {
            consumer.close();
        }
    }

    @Test
    void killedWithGdapTerminationsUnansweredAndRestartedNoneIsSentAgainAndOneRemovalIsReported() throws Exception {
        String tenant = newTenant();
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
        partnerCenter.putGdapRelationships(tenant, List.of(
                PartnerCenterSimulator.gdapRelationship(tenant.substring(0, 8) + "-gdap-1", "Helpdesk", "active"),
                PartnerCenterSimulator.gdapRelationship(tenant.substring(0, 8) + "-gdap-2", "Global admin", "active")));
        // both terminate requests are carried out and never answered: the consumer dies holding them
        partnerCenter.failNext(new FailNext(2, 0, -1, tenant, "POST", true));
        OffboardingHarness graph = withGraph().with("PARTNER_CENTER_TIMEOUT", "120s")
                .with("CONSUMER_INSTANCE_ID", "gdap-crash");
        Path log = Files.createTempFile(Path.of("target"), "gdap-crash-", ".log");
        ConsumerProcess consumer = ConsumerProcess.start(graph.environment, log);
        try {
            harness.publish(withCleanup(request(tenant)));
            await().atMost(WAIT).until(() -> partnerCenter.counters().gdapTerminateRequests(tenant) == 2);
            consumer.kill();
            consumer.close();
            assertThat(harness.removedOutcomes(1, Duration.ofSeconds(1))).as("no outcome before the kill").isEmpty();

            consumer = ConsumerProcess.start(graph.environment, log);
            RelationshipRemoved removed = single(harness.removedOutcomes(1, WAIT));

            assertThat(removed.getCleanupActions()).hasSize(2).allSatisfy(a -> {
                assertThat(a.getAction()).isEqualTo(CleanupActionKind.TERMINATE_GDAP);
                assertThat(a.getOutcome()).isEqualTo(CleanupResult.DONE);
                assertThat(a.getDetail()).contains("earlier try");
            });
            assertThat(partnerCenter.counters().gdapTerminateRequests(tenant))
                    .as("each terminate request reached Graph once").isEqualTo(2);
            assertThat(partnerCenter.counters().removalsByCustomer()).containsEntry(tenant, 1L);
            assertThat(harness.removedOutcomes(2, Duration.ofSeconds(2))).as("one outcome").hasSize(1);
        } finally {
            consumer.close();
        }
    }

    /** An Azure plan with two active Azure subscriptions under it, and one active legacy subscription. */
    private void customerWithAnAzurePlan(String tenant, String plan) {
        partnerCenter.putCustomer(SeedCustomer.customer(tenant)
                .rawSubscription(SeedCustomer.azurePlanJson(plan, "active"))
                .azureEntitlement(plan, SeedCustomer.azureEntitlementJson(java.util.UUID.randomUUID().toString(),
                        "Production", "active"))
                .azureEntitlement(plan, SeedCustomer.azureEntitlementJson(java.util.UUID.randomUUID().toString(),
                        "Test", "active"))
                .subscription("legacy-1", "Office 365 E3", "active")
                .build());
    }

    private void customerWithOneActiveGdapRelationship(String tenant) {
        partnerCenter.putCustomer(SeedCustomer.customer(tenant).build());
        partnerCenter.putGdapRelationships(tenant, List.of(PartnerCenterSimulator.gdapRelationship(
                tenant.substring(0, 8) + "-gdap-1", "Helpdesk", "active")));
    }

    /** GDAP clean-up on, with the simulator's Graph and the app registration it knows. */
    private OffboardingHarness withGraph() {
        return harness.with("CLEANUP_GDAP", "terminate")
                .with("GRAPH_BASE_URL", partnerCenter.baseUri().toString())
                .with("GRAPH_AUTHORITY", partnerCenter.baseUri().toString())
                .with("GRAPH_CLIENT_ID", partnerCenter.settings().clientId())
                .with("GRAPH_CLIENT_SECRET", partnerCenter.settings().clientSecret());
    }

    static CustomerOffboardRequested withCleanup(CustomerOffboardRequested request) {
        return CustomerOffboardRequested.newBuilder(request).setCleanup(true).setMode(OffboardMode.REMOVE).build();
    }

    static <T> T single(List<T> outcomes) {
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }
}
