package io.github.reselleroffboarding.consumer.rules;

import static io.github.reselleroffboarding.consumer.rules.OffboardingRulesTest.NOW;
import static io.github.reselleroffboarding.consumer.rules.ProductFamiliesTest.AGO_10_DAYS;
import static io.github.reselleroffboarding.consumer.rules.ProductFamiliesTest.IN_200_DAYS;
import static io.github.reselleroffboarding.consumer.rules.ProductFamiliesTest.IN_3_DAYS;
import static io.github.reselleroffboarding.consumer.rules.ProductFamiliesTest.legacy;
import static io.github.reselleroffboarding.consumer.rules.ProductFamiliesTest.marketplace;
import static io.github.reselleroffboarding.consumer.rules.ProductFamiliesTest.nce;
import static io.github.reselleroffboarding.consumer.rules.ProductFamiliesTest.savingsPlan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.events.CleanupLeftReason;
import io.github.reselleroffboarding.events.CleanupResult;
import io.github.reselleroffboarding.ids.TenantId;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Which clean-up writes a blocked customer gets, under which policy and consent, and what the outcome says was
 * done and left. Pure: no Partner Center, no Kafka.
 */
class CleanupPlannerTest {

    static final TenantId TENANT = TenantId.parse("2f6c1a53-3c9b-4c0e-9a55-0d3a0d1c1a44");
    static final CleanupPolicy EVERYTHING = new CleanupPolicy(Set.of(CleanupActionKind.SUSPEND),
            Set.of(CleanupActionKind.CANCEL, CleanupActionKind.TURN_OFF_AUTO_RENEW), Set.of(CleanupActionKind.CANCEL));

    @Nested
    class PolicyAndConsent {

        @Test
        void withEveryPolicyOffAndNoConsentNothingIsPlannedOrReported() {
            OffboardingRules rules = new OffboardingRules(FamilyPolicy.DEFAULT);

            CleanupPlan plan = plan(rules, request(false), legacy("l-1", SubscriptionStatus.ACTIVE));

            assertThat(plan).isEqualTo(CleanupPlan.NOTHING);
        }

        @Test
        void consentWithoutAPolicyWritesNothingAndSaysThePolicyDoesNotAllowIt() {
            OffboardingRules rules = new OffboardingRules(FamilyPolicy.DEFAULT);

            CleanupPlan plan = plan(rules, request(true), legacy("l-1", SubscriptionStatus.ACTIVE));

            assertThat(plan.writes()).isEmpty();
            assertThat(plan.left()).singleElement().satisfies(left -> {
                assertThat(left.reason()).isEqualTo(CleanupLeftReason.NOT_ALLOWED_BY_POLICY);
                assertThat(left.action()).isEqualTo(CleanupActionKind.SUSPEND);
                assertThat(left.message()).contains("legacy").contains("suspend");
            });
        }

        @Test
        void aPolicyWithoutConsentWritesNothingAndSaysTheRequestDidNotAsk() {
            CleanupPlan plan = plan(rules(EVERYTHING), request(false), legacy("l-1", SubscriptionStatus.ACTIVE));

            assertThat(plan.writes()).isEmpty();
            assertThat(plan.left()).singleElement().satisfies(left -> {
                assertThat(left.reason()).isEqualTo(CleanupLeftReason.NO_CONSENT);
                assertThat(left.message()).contains("cleanup: true");
            });
        }

        @Test
        void aFamilysPolicyOnlyAllowsItsOwnActions() {
            assertThatIllegalArgumentException().isThrownBy(() -> new CleanupPolicy(Set.of(),
                    Set.of(CleanupActionKind.SUSPEND), Set.of())).withMessageContaining("new-commerce");
            assertThatIllegalArgumentException().isThrownBy(() -> new CleanupPolicy(Set.of(), Set.of(),
                    Set.of(CleanupActionKind.TURN_OFF_AUTO_RENEW))).withMessageContaining("marketplace");
        }

        @Test
        void theStartupLogShowsEachFamily() {
            assertThat(CleanupPolicy.OFF.describe()).containsExactly(Map.entry("legacy", "off"),
                    Map.entry("new-commerce", "off"), Map.entry("marketplace", "off"), Map.entry("azure-plan", "off"),
                    Map.entry("gdap", "off"));
            assertThat(EVERYTHING.describe()).containsEntry("new-commerce", "cancel-within-window,disable-auto-renew");
        }
    }

    @Nested
    class Families {

        @Test
        void fortyFiveActiveLegacySubscriptionsAreEachSuspended() {
            Subscription[] many = IntStream.range(0, 45).mapToObj(i -> legacy("l-" + i, SubscriptionStatus.ACTIVE))
                    .toArray(Subscription[]::new);

            CleanupPlan plan = plan(rules(EVERYTHING), request(true), many);

            assertThat(plan.writes()).hasSize(45).allSatisfy(w -> assertThat(w.action())
                    .isEqualTo(CleanupActionKind.SUSPEND));
            assertThat(plan.left()).isEmpty();
        }

        @Test
        void aNewCommerceSubscriptionInsideItsWindowIsCancelled() {
            CleanupPlan plan = plan(rules(EVERYTHING), request(true), nce("n-1", SubscriptionStatus.ACTIVE)
                    .cancellableUntil(IN_3_DAYS).termEnds(IN_200_DAYS).build());

            assertThat(plan.writes()).singleElement().extracting(CleanupPlan.Write::action)
                    .isEqualTo(CleanupActionKind.CANCEL);
        }

        @Test
        void outsideItsWindowItsAutoRenewIsTurnedOffWhereAllowed() {
            Subscription closed = nce("n-1", SubscriptionStatus.ACTIVE).cancellableUntil(AGO_10_DAYS)
                    .termEnds(IN_200_DAYS).build();

            assertThat(plan(rules(EVERYTHING), request(true), closed).writes()).singleElement()
                    .extracting(CleanupPlan.Write::action).isEqualTo(CleanupActionKind.TURN_OFF_AUTO_RENEW);
            CleanupPlan cancelOnly = plan(rules(new CleanupPolicy(Set.of(), Set.of(CleanupActionKind.CANCEL),
                    Set.of())), request(true), closed);
            assertThat(cancelOnly.writes()).isEmpty();
            assertThat(cancelOnly.left()).singleElement().extracting(CleanupReport.Left::reason)
                    .isEqualTo(CleanupLeftReason.OUTSIDE_CANCELLATION_WINDOW);
        }

        @Test
        void whereOnlyAutoRenewOffIsAllowedAnOpenWindowStillOnlyEndsTheRenewal() {
            CleanupPlan plan = plan(rules(new CleanupPolicy(Set.of(), Set.of(CleanupActionKind.TURN_OFF_AUTO_RENEW),
                    Set.of())), request(true), nce("n-1", SubscriptionStatus.ACTIVE).cancellableUntil(IN_3_DAYS)
                    .termEnds(IN_200_DAYS).build());

            assertThat(plan.writes()).singleElement().extracting(CleanupPlan.Write::action)
                    .isEqualTo(CleanupActionKind.TURN_OFF_AUTO_RENEW);
        }

        @Test
        void aMarketplaceSubscriptionIsCancelledInsideItsWindow() {
            CleanupPlan plan = plan(rules(EVERYTHING), request(true), marketplace(SubscriptionStatus.ACTIVE)
                    .refundUntil(IN_3_DAYS).build());

            assertThat(plan.writes()).singleElement().extracting(CleanupPlan.Write::action)
                    .isEqualTo(CleanupActionKind.CANCEL);
        }

        @Test
        void aSavingsPlanIsNeverTouchedAndHoldsBackTheSuspensions() {
            CleanupPlan plan = plan(rules(EVERYTHING), request(true), legacy("l-1", SubscriptionStatus.ACTIVE),
                    savingsPlan(SubscriptionStatus.ACTIVE, IN_200_DAYS, false));

            assertThat(plan.writes()).isEmpty();
            assertThat(plan.left()).extracting(CleanupReport.Left::reason).containsExactlyInAnyOrder(
                    CleanupLeftReason.CANNOT_BE_CANCELLED, CleanupLeftReason.HELD_BACK);
            assertThat(plan.left()).filteredOn(l -> l.reason() == CleanupLeftReason.HELD_BACK).singleElement()
                    .satisfies(l -> assertThat(l.message()).contains("cut the customer's service"));
        }

        @Test
        void aCancellationInsideItsWindowIsNotHeldBackByAnotherBlocker() {
            CleanupPlan plan = plan(rules(EVERYTHING), request(true), nce("n-1", SubscriptionStatus.ACTIVE)
                    .cancellableUntil(IN_3_DAYS).termEnds(IN_200_DAYS).build(),
                    savingsPlan(SubscriptionStatus.ACTIVE, IN_200_DAYS, false));

            assertThat(plan.writes()).singleElement().extracting(CleanupPlan.Write::action)
                    .isEqualTo(CleanupActionKind.CANCEL);
        }
    }

    @Nested
    class AfterARestart {

        final Subscription active = legacy("l-1", SubscriptionStatus.ACTIVE);

        @Test
        void aRecordedWriteTheSubscriptionStillShowsTheEtagOfIsSentAgainAsTheSameWrite() {
            TenantHistory history = recorded(new TenantHistory.RecordedAction("e-1", "l-1", CleanupActionKind.SUSPEND,
                    active.etag(), "ms-req-1", NOW.toEpochMilli()));

            CleanupPlan plan = plan(rules(EVERYTHING), request(true), history, active);

            assertThat(plan.writes()).singleElement().satisfies(w -> {
                assertThat(w.recordedRequestId()).isEqualTo("ms-req-1");
                assertThat(w.needsRecording()).isFalse();
            });
        }

        @Test
        void aRecordedWriteWhoseSubscriptionChangedSinceIsNotSentAgain() {
            TenantHistory history = recorded(new TenantHistory.RecordedAction("e-1", "l-1", CleanupActionKind.SUSPEND,
                    "an-older-etag", "ms-req-1", NOW.toEpochMilli()));

            CleanupPlan plan = plan(rules(EVERYTHING), request(true), history, active);

            assertThat(plan.writes()).isEmpty();
            assertThat(plan.left()).singleElement().satisfies(l -> {
                assertThat(l.reason()).isEqualTo(CleanupLeftReason.NOT_CONFIRMED);
                assertThat(l.message()).contains("ms-req-1").contains("not sent again");
            });
        }

        @Test
        void aRecordedWriteWhoseEffectShowsIsReportedDone() {
            TenantHistory history = recorded(new TenantHistory.RecordedAction("e-1", "l-1", CleanupActionKind.SUSPEND,
                    "an-older-etag", "ms-req-1", NOW.toEpochMilli()));
            OffboardingRules rules = rules(EVERYTHING);
            CustomerReads reads = ProductFamiliesTest.reads(List.of(legacy("l-1", SubscriptionStatus.SUSPENDED)),
                    Map.of());

            CleanupReport report = rules.cleanupReport(request(true), history, CleanupPlan.NOTHING, List.of(),
                    rules.evaluate(reads, NOW), reads, NOW);

            assertThat(report.taken()).singleElement().satisfies(t -> {
                assertThat(t.outcome()).isEqualTo(CleanupResult.DONE);
                assertThat(t.msRequestId()).isEqualTo("ms-req-1");
                assertThat(t.detail()).contains("earlier try");
            });
        }
    }

    @Nested
    class Settling {

        final OffboardingRules rules = rules(EVERYTHING);
        final Subscription open = nce("n-1", SubscriptionStatus.ACTIVE).cancellableUntil(IN_3_DAYS)
                .termEnds(IN_200_DAYS).build();

        @Test
        void aRefusedWriteIsLeftWithPartnerCentersCode() {
            CleanupPlan plan = plan(rules, request(true), open);
            CleanupReport.Taken refused = rules.cleanupRefused(plan.writes().get(0), "ms-1", NOW, 400, "900117",
                    "You have passed your 7-day cancellation window");
            CustomerReads after = ProductFamiliesTest.reads(List.of(open), Map.of());

            CleanupReport report = rules.cleanupReport(request(true), TenantHistory.NONE, plan, List.of(refused),
                    rules.evaluate(after, NOW), after, NOW);

            assertThat(report.left()).singleElement().satisfies(l -> {
                assertThat(l.reason()).isEqualTo(CleanupLeftReason.REFUSED);
                assertThat(l.errorCode()).isEqualTo("900117");
                assertThat(l.message()).contains("cancellation window");
            });
        }

        @Test
        void anEndedRenewalIsLeftWithTheDayTheTermEnds() {
            Subscription closed = nce("n-1", SubscriptionStatus.ACTIVE).cancellableUntil(AGO_10_DAYS)
                    .termEnds(IN_200_DAYS).build();
            CleanupPlan plan = plan(rules, request(true), closed);
            CleanupReport.Taken done = rules.cleanupDone(plan.writes().get(0), "ms-1", NOW, "confirmed");
            CustomerReads after = ProductFamiliesTest.reads(List.of(nce("n-1", SubscriptionStatus.ACTIVE)
                    .cancellableUntil(AGO_10_DAYS).termEnds(IN_200_DAYS).autoRenew(false).build()), Map.of());

            CleanupReport report = rules.cleanupReport(request(true), TenantHistory.NONE, plan, List.of(done),
                    rules.evaluate(after, NOW), after, NOW);

            assertThat(report.taken()).containsExactly(done);
            assertThat(report.left()).singleElement().satisfies(l -> {
                assertThat(l.reason()).isEqualTo(CleanupLeftReason.OUTSIDE_CANCELLATION_WINDOW);
                assertThat(l.endsAt()).isEqualTo(IN_200_DAYS);
                assertThat(l.message()).contains("Auto-renew is now off").contains(Dates.day(IN_200_DAYS));
            });
        }

        @Test
        void whenNothingBlocksAfterTheWritesNothingIsLeft() {
            CleanupPlan plan = plan(rules, request(true), open);
            CleanupReport.Taken done = rules.cleanupDone(plan.writes().get(0), "ms-1", NOW, "confirmed");
            CustomerReads after = ProductFamiliesTest.reads(List.of(nce("n-1", SubscriptionStatus.DELETED)
                    .build()), Map.of());

            CleanupReport report = rules.cleanupReport(request(true), TenantHistory.NONE, plan, List.of(done),
                    rules.evaluate(after, NOW), after, NOW);

            assertThat(rules.evaluate(after, NOW)).isInstanceOf(Decision.Remove.class);
            assertThat(report.left()).isEmpty();
            assertThat(report.taken()).extracting(CleanupReport.Taken::outcome).containsExactly(CleanupResult.DONE);
        }

        @Test
        void aPreviewListsTheWritesAsPlannedAndSendsNothing() {
            CustomerReads reads = ProductFamiliesTest.reads(List.of(open, legacy("l-1", SubscriptionStatus.ACTIVE)),
                    Map.of());

            CleanupReport preview = rules.previewCleanup(request(false), rules.evaluate(reads, NOW), reads, NOW);

            assertThat(preview.taken()).extracting(CleanupReport.Taken::action, CleanupReport.Taken::outcome)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(CleanupActionKind.CANCEL, CleanupResult.PLANNED),
                            org.assertj.core.groups.Tuple.tuple(CleanupActionKind.SUSPEND, CleanupResult.PLANNED));
            assertThat(preview.taken()).allSatisfy(t -> assertThat(t.msRequestId()).isNull());
        }
    }

    static OffboardingRules rules(CleanupPolicy policy) {
        return new OffboardingRules(FamilyPolicy.DEFAULT, policy);
    }

    static OffboardRequest request(boolean cleanup) {
        return new OffboardRequest("e-1", TENANT, NOW, "crm", null, null, RequestMode.REMOVE, cleanup);
    }

    static CleanupPlan plan(OffboardingRules rules, OffboardRequest request, Subscription... subscriptions) {
        return plan(rules, request, TenantHistory.NONE, subscriptions);
    }

    static CleanupPlan plan(OffboardingRules rules, OffboardRequest request, TenantHistory history,
            Subscription... subscriptions) {
        CustomerReads reads = ProductFamiliesTest.reads(List.of(subscriptions), Map.of());
        Decision decision = rules.evaluate(reads, NOW);
        assertThat(decision).isInstanceOf(Decision.Block.class);
        return rules.planCleanup(request, history, (Decision.Block) decision, reads, NOW);
    }

    static TenantHistory recorded(TenantHistory.RecordedAction... actions) {
        return new io.github.reselleroffboarding.consumer.state.TenantState(null, null, null, null, null, List.of(),
                List.of(actions));
    }
}
