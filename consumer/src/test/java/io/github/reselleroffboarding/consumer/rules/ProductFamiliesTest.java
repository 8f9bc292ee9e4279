package io.github.reselleroffboarding.consumer.rules;

import static io.github.reselleroffboarding.consumer.rules.OffboardingRulesTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.partnercenter.model.AzureEntitlement;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The default policy, family by family and status by status, as Partner Center's current business documentation
 * describes it: what blocks, what clears it (the action), until when (the deadline) and when the blocker ends by
 * itself. Every subscription here is in the wire shape the facts doc shows for its family.
 */
class ProductFamiliesTest {

    static final Instant IN_3_DAYS = NOW.plus(Duration.ofDays(3));
    static final Instant IN_200_DAYS = NOW.plus(Duration.ofDays(200));
    static final Instant AGO_10_DAYS = NOW.minus(Duration.ofDays(10));

    final OffboardingRules rules = new OffboardingRules(FamilyPolicy.DEFAULT);

    @Nested
    class Classification {

        @Test
        void eachFamilyIsToldApartFromItsWireFields() {
            assertThat(ProductClassifier.classify(legacy("s", SubscriptionStatus.ACTIVE)))
                    .isEqualTo(ProductFamily.LEGACY_LICENSE);
            assertThat(ProductClassifier.classify(nce("s", SubscriptionStatus.ACTIVE).build()))
                    .isEqualTo(ProductFamily.NCE_LICENSE);
            assertThat(ProductClassifier.classify(azurePlan("s", SubscriptionStatus.ACTIVE)))
                    .isEqualTo(ProductFamily.AZURE_PLAN);
            assertThat(ProductClassifier.classify(savingsPlan(SubscriptionStatus.ACTIVE, IN_200_DAYS, false)))
                    .isEqualTo(ProductFamily.AZURE_SAVINGS_PLAN);
            assertThat(ProductClassifier.classify(software(SubscriptionStatus.ACTIVE).build()))
                    .isEqualTo(ProductFamily.SOFTWARE);
            assertThat(ProductClassifier.classify(marketplace(SubscriptionStatus.ACTIVE).build()))
                    .isEqualTo(ProductFamily.MARKETPLACE);
            assertThat(ProductClassifier.classify(nce("s", SubscriptionStatus.ACTIVE).trial().build()))
                    .isEqualTo(ProductFamily.TRIAL);
            assertThat(ProductClassifier.classify(nce("s", SubscriptionStatus.ACTIVE).parent("base").build()))
                    .isEqualTo(ProductFamily.ADD_ON);
            assertThat(ProductClassifier.classify(unknown(SubscriptionStatus.ACTIVE)))
                    .isEqualTo(ProductFamily.UNKNOWN);
        }

        @Test
        void aTripleOfferIdWithoutAProductTypeIsNewCommerceAndALegacyAzureOfferIsLegacy() {
            assertThat(ProductClassifier.classify(new Sub("s", "CFQ7TTC0LH18:0001:CFQ7TTC0K971",
                    SubscriptionStatus.ACTIVE).build())).isEqualTo(ProductFamily.NCE_LICENSE);
            assertThat(ProductClassifier.classify(new Sub("s", "MS-AZR-0145P", SubscriptionStatus.ACTIVE).build()))
                    .isEqualTo(ProductFamily.LEGACY_LICENSE);
        }

        @Test
        void aSavingsPlanIsRecognisedByItsBenefitBillingEvenWithoutASubType() {
            Subscription benefit = new Sub("sp", "DZH318Z09V6F:0001:DZH318Z0BLD3", SubscriptionStatus.ACTIVE)
                    .billingType("benefit").build();

            assertThat(ProductClassifier.classify(benefit)).isEqualTo(ProductFamily.AZURE_SAVINGS_PLAN);
        }
    }

    @Nested
    class Legacy {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = SubscriptionStatus.class, names = {"ACTIVE", "PENDING"})
        void activeAndPendingBlockAndSuspendingClearsIt(SubscriptionStatus status) {
            Blocker b = single(legacy("s-1", status));

            assertThat(b.code()).isEqualTo(BlockReasonCode.ACTIVE_SUBSCRIPTION);
            assertThat(b.family()).isEqualTo(ProductFamily.LEGACY_LICENSE);
            assertThat(b.action()).isEqualTo(ClearingAction.SUSPEND);
            assertThat(b.status()).isEqualTo(status.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(b.actionDeadline()).isNull();
            assertThat(b.resellerOfRecord()).isEqualTo("4847383");
            assertThat(b.message()).startsWith("Legacy subscription 'Office 365 E3' is ");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = SubscriptionStatus.class, names = {"SUSPENDED", "DELETED", "EXPIRED", "DISABLED"})
        void aSuspendedOrEndedLegacySubscriptionDoesNotBlockAndIsLeft(SubscriptionStatus status) {
            assertThat(remaining(legacy("s-1", status))).extracting(SubscriptionLeft::id).containsExactly("s-1");
        }

        @Test
        void theLegacyStatusesAreThePartnersChoice() {
            OffboardingRules strict = new OffboardingRules(FamilyPolicy.DEFAULT.withLegacy(
                    Set.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.SUSPENDED)));

            assertThat(blockers(strict, legacy("s-1", SubscriptionStatus.SUSPENDED))).hasSize(1);
        }

        @Test
        void noFamilyMayHaveNoBlockingStatus() {
            assertThatIllegalArgumentException().isThrownBy(() -> FamilyPolicy.DEFAULT.withLegacy(Set.of()))
                    .withMessageContaining("legacy");
        }
    }

    @Nested
    class NewCommerce {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = SubscriptionStatus.class, names = {"ACTIVE", "SUSPENDED", "PENDING"})
        void blocksUntilCancelledSuspendedIncluded(SubscriptionStatus status) {
            Blocker b = single(nce("n-1", status).cancellableUntil(IN_3_DAYS).build());

            assertThat(b.code()).isEqualTo(BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED);
            assertThat(b.family()).isEqualTo(ProductFamily.NCE_LICENSE);
        }

        @Test
        void aSuspendedOneSaysItKeepsBilling() {
            assertThat(single(nce("n-1", SubscriptionStatus.SUSPENDED).cancellableUntil(IN_3_DAYS).build()).message())
                    .contains("a suspended new-commerce subscription keeps billing");
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = SubscriptionStatus.class, names = {"DELETED", "EXPIRED"})
        void cancelledOrExpiredDoesNotBlock(SubscriptionStatus status) {
            assertThat(remaining(nce("n-1", status).build())).hasSize(1);
        }

        @Test
        void insideTheWindowTheActionIsCancelBeforeTheDeadline() {
            Blocker b = single(nce("n-1", SubscriptionStatus.ACTIVE).cancellableUntil(IN_3_DAYS).build());

            assertThat(b.action()).isEqualTo(ClearingAction.CANCEL_BEFORE_DEADLINE);
            assertThat(b.actionDeadline()).isEqualTo(IN_3_DAYS);
            assertThat(b.endsAt()).as("auto-renew is on: it never ends by itself").isNull();
            assertThat(b.message()).contains("cancel it before 2026-11-24 (in 3 days)");
        }

        @Test
        void theRefundWindowStandsInForAMissingCancellationDate() {
            Blocker b = single(nce("n-1", SubscriptionStatus.ACTIVE).refundUntil(IN_3_DAYS).build());

            assertThat(b.action()).isEqualTo(ClearingAction.CANCEL_BEFORE_DEADLINE);
            assertThat(b.actionDeadline()).isEqualTo(IN_3_DAYS);
        }

        @Test
        void afterTheWindowWithAutoRenewOnTheActionIsTurnItOffAndWait() {
            Blocker b = single(nce("n-1", SubscriptionStatus.ACTIVE).cancellableUntil(AGO_10_DAYS)
                    .termEnds(IN_200_DAYS).build());

            assertThat(b.action()).isEqualTo(ClearingAction.TURN_OFF_AUTO_RENEW_AND_WAIT);
            assertThat(b.actionDeadline()).as("auto-renew must be off before the term ends").isEqualTo(IN_200_DAYS);
            assertThat(b.endsAt()).isNull();
            assertThat(b.message()).contains("turn auto-renew off before its term ends on 2027-06-09 (in 200 days)");
        }

        @Test
        void afterTheWindowWithAutoRenewOffItEndsWithItsTerm() {
            Blocker b = single(nce("n-1", SubscriptionStatus.ACTIVE).cancellableUntil(AGO_10_DAYS)
                    .termEnds(IN_200_DAYS).autoRenew(false).build());

            assertThat(b.action()).isEqualTo(ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY);
            assertThat(b.endsAt()).isEqualTo(IN_200_DAYS);
            assertThat(b.actionDeadline()).isNull();
        }

        @Test
        void aTrialCanBeCancelledAtAnyTime() {
            Blocker b = single(nce("t-1", SubscriptionStatus.ACTIVE).trial().build());

            assertThat(b.family()).isEqualTo(ProductFamily.TRIAL);
            assertThat(b.code()).isEqualTo(BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED);
            assertThat(b.action()).isEqualTo(ClearingAction.CANCEL);
            assertThat(b.message()).contains("converts to a paid subscription");
        }

        @Test
        void anAddOnFollowsWhatItIsSoldUnder() {
            Blocker nceAddOn = single(nce("a-1", SubscriptionStatus.SUSPENDED).parent("base").build());
            assertThat(nceAddOn.family()).isEqualTo(ProductFamily.ADD_ON);
            assertThat(nceAddOn.code()).isEqualTo(BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED);

            Subscription legacyAddOn = new Sub("a-2", "DB2E705F-B82A-4024-A3D5-D88E12F2DB35",
                    SubscriptionStatus.SUSPENDED).parent("base").build();
            assertThat(remaining(legacyAddOn)).hasSize(1);
        }
    }

    @Nested
    class AzurePlans {

        @Test
        void onePlanWithTwoActiveAzureSubscriptionsGivesOneReasonEach() {
            Subscription plan = azurePlan("plan-1", SubscriptionStatus.ACTIVE);
            Map<String, List<AzureEntitlement>> under = Map.of("plan-1", List.of(
                    new AzureEntitlement("e-1", "Production", "active", "3f15978e-0000-4000-8000-000000000001"),
                    new AzureEntitlement("e-2", "Test", "active", "3f15978e-0000-4000-8000-000000000002"),
                    new AzureEntitlement("e-3", "Old", "inactive", "3f15978e-0000-4000-8000-000000000003")));

            assertThat(rules.azurePlansToRead(List.of(plan, legacy("s", SubscriptionStatus.ACTIVE))))
                    .containsExactly("plan-1");
            List<Blocker> blockers = blockers(rules.evaluate(reads(List.of(plan), under), NOW));

            assertThat(blockers).extracting(Blocker::code, Blocker::resourceId, Blocker::resourceName, Blocker::action)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(BlockReasonCode.ACTIVE_AZURE_PLAN,
                                    "3f15978e-0000-4000-8000-000000000001", "Production",
                                    ClearingAction.CANCEL_AZURE_SUBSCRIPTIONS_THEN_SUSPEND_PLAN),
                            org.assertj.core.groups.Tuple.tuple(BlockReasonCode.ACTIVE_AZURE_PLAN,
                                    "3f15978e-0000-4000-8000-000000000002", "Test",
                                    ClearingAction.CANCEL_AZURE_SUBSCRIPTIONS_THEN_SUSPEND_PLAN));
            assertThat(blockers.get(0).message()).contains("Azure subscription 'Production'")
                    .contains("under the Azure plan 'Microsoft Azure plan'");
        }

        @Test
        void anActivePlanWithNothingActiveUnderItIsClearedBySuspendingIt() {
            Blocker b = single(reads(List.of(azurePlan("plan-1", SubscriptionStatus.ACTIVE)),
                    Map.of("plan-1", List.of())));

            assertThat(b.code()).isEqualTo(BlockReasonCode.ACTIVE_AZURE_PLAN);
            assertThat(b.family()).isEqualTo(ProductFamily.AZURE_PLAN);
            assertThat(b.action()).isEqualTo(ClearingAction.SUSPEND);
        }

        @Test
        void aSuspendedPlanWithNothingActiveUnderItDoesNotBlock() {
            assertThat(rules.evaluate(reads(List.of(azurePlan("plan-1", SubscriptionStatus.SUSPENDED)),
                    Map.of("plan-1", List.of())), NOW)).isInstanceOf(Decision.Remove.class);
        }

        @Test
        void aDeletedPlanIsNotRead() {
            assertThat(rules.azurePlansToRead(List.of(azurePlan("plan-1", SubscriptionStatus.DELETED)))).isEmpty();
        }
    }

    @Nested
    class SavingsPlans {

        @Test
        void anActiveSavingsPlanBlocksCannotBeCancelledAndEndsWithItsTerm() {
            Blocker b = single(savingsPlan(SubscriptionStatus.ACTIVE, IN_200_DAYS, false));

            assertThat(b.code()).isEqualTo(BlockReasonCode.ACTIVE_AZURE_SAVINGS_PLAN);
            assertThat(b.action()).isEqualTo(ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY);
            assertThat(b.endsAt()).isEqualTo(IN_200_DAYS);
            assertThat(b.message()).contains("cannot be cancelled").contains("expires on 2027-06-09 (in 200 days)");
        }

        @Test
        void aSavingsPlanThatRenewsNeverEndsByItself() {
            Blocker b = single(savingsPlan(SubscriptionStatus.ACTIVE, IN_200_DAYS, true));

            assertThat(b.endsAt()).isNull();
            assertThat(b.message()).contains("renewal is on");
        }

        @Test
        void aSavingsPlanPastItsTermDoesNotBlock() {
            assertThat(remaining(savingsPlan(SubscriptionStatus.ACTIVE, AGO_10_DAYS, false))).hasSize(1);
        }
    }

    @Nested
    class MarketplaceAndSoftware {

        @Test
        void anActiveMarketplaceSubscriptionBlocksNamingItsPublisher() {
            Blocker b = single(marketplace(SubscriptionStatus.ACTIVE).cancellableUntil(IN_3_DAYS).build());

            assertThat(b.code()).isEqualTo(BlockReasonCode.ACTIVE_MARKETPLACE_SUBSCRIPTION);
            assertThat(b.family()).isEqualTo(ProductFamily.MARKETPLACE);
            assertThat(b.action()).isEqualTo(ClearingAction.CANCEL_BEFORE_DEADLINE);
            assertThat(b.message()).contains("from Contoso Apps");
        }

        @Test
        void aSuspendedMarketplaceSubscriptionDoesNotBlockByDefault() {
            assertThat(remaining(marketplace(SubscriptionStatus.SUSPENDED).build())).hasSize(1);
        }

        @Test
        void aSoftwareSubscriptionIsANoticeNotABlocker() {
            Decision decision = rules.evaluate(reads(List.of(software(SubscriptionStatus.ACTIVE).build()), Map.of()),
                    NOW);

            assertThat(decision).isInstanceOfSatisfying(Decision.Remove.class, remove -> {
                assertThat(remove.notices()).singleElement().satisfies(n -> {
                    assertThat(n.code()).isEqualTo(BlockReasonCode.SOFTWARE_PURCHASE);
                    assertThat(n.family()).isEqualTo(ProductFamily.SOFTWARE);
                });
                assertThat(remove.remaining()).hasSize(1);
            });
        }
    }

    @Nested
    class UnknownKinds {

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = SubscriptionStatus.class, names = {"ACTIVE", "SUSPENDED", "PENDING", "UNKNOWN"})
        void aProductOfUnknownKindBlocksUntilItEnds(SubscriptionStatus status) {
            Blocker b = single(unknown(status));

            assertThat(b.family()).isEqualTo(ProductFamily.UNKNOWN);
            assertThat(b.code()).isEqualTo(BlockReasonCode.ACTIVE_SUBSCRIPTION);
            assertThat(b.message()).contains("does not recognise");
        }

        @Test
        void anEndedProductOfUnknownKindDoesNotBlock() {
            assertThat(remaining(unknown(SubscriptionStatus.DELETED))).hasSize(1);
        }
    }

    // --- fixtures in the wire shapes of the facts doc, section 2

    static Subscription legacy(String id, SubscriptionStatus status) {
        return new Sub(id, "DB2E705F-B82A-4024-A3D5-D88E12F2DB35", status).name("Office 365 E3").build();
    }

    static Sub nce(String id, SubscriptionStatus status) {
        return new Sub(id, "CFQ7TTC0LH18:0001:CFQ7TTC0K971", status).name("Microsoft 365 Business Basic")
                .productType("OnlineServicesNCE", null);
    }

    static Subscription azurePlan(String id, SubscriptionStatus status) {
        return new Sub(id, "DZH318Z0BPS6:0001:DZH318Z0BML6", status).name("Microsoft Azure plan")
                .productType("Azure", null).billingType("usage").build();
    }

    static Subscription savingsPlan(SubscriptionStatus status, Instant termEnd, boolean autoRenew) {
        return new Sub("sp-1", "DZH318Z09V6F:0001:DZH318Z0BLD3", status).name("Azure savings plan for compute")
                .productType("Azure", "SavingsPlan").billingType("benefit").termEnds(termEnd).autoRenew(autoRenew)
                .build();
    }

    static Sub software(SubscriptionStatus status) {
        return new Sub("sw-1", "DG7GMGF0DVSV:000P:DG7GMGF0F3Q9", status).name("Windows Server 2022")
                .productType("Software", null);
    }

    static Sub marketplace(SubscriptionStatus status) {
        return new Sub("m-1", "DZH318Z0BXWC:0001:DZH318Z0BMJX", status).name("Contoso CRM").marketplace("Contoso Apps");
    }

    static Subscription unknown(SubscriptionStatus status) {
        return new Sub("u-1", "SOMETHING-NEW", status).name("A new kind").productType("Quantum", null).build();
    }

    static CustomerReads reads(List<Subscription> subscriptions, Map<String, List<AzureEntitlement>> plans) {
        return new CustomerReads(OffboardingRulesTest.customer(RelationshipToPartner.RESELLER), List.of(),
                subscriptions, plans);
    }

    private Blocker single(Subscription subscription) {
        return single(reads(List.of(subscription), Map.of()));
    }

    private Blocker single(CustomerReads reads) {
        List<Blocker> blockers = blockers(rules.evaluate(reads, NOW));
        assertThat(blockers).hasSize(1);
        return blockers.get(0);
    }

    private static List<Blocker> blockers(OffboardingRules rules, Subscription subscription) {
        return blockers(rules.evaluate(reads(List.of(subscription), Map.of()), NOW));
    }

    private static List<Blocker> blockers(Decision decision) {
        assertThat(decision).isInstanceOf(Decision.Block.class);
        return ((Decision.Block) decision).blockers();
    }

    private List<SubscriptionLeft> remaining(Subscription subscription) {
        Decision decision = rules.evaluate(reads(List.of(subscription), Map.of()), NOW);
        assertThat(decision).isInstanceOf(Decision.Remove.class);
        return ((Decision.Remove) decision).remaining();
    }

    /** Builds a subscription as Partner Center would list it; only what a family needs is set. */
    static final class Sub {
        private final String id;
        private final String offerId;
        private final SubscriptionStatus status;
        private String name = "Offer";
        private Subscription.ProductType productType;
        private String billingType = "license";
        private Instant termEnd;
        private Boolean autoRenew = true;
        private Boolean trial = false;
        private Boolean microsoft = true;
        private String publisher;
        private String parent;
        private Instant cancellableUntil;
        private List<Subscription.RefundOption> refunds = List.of();
        private String etag;

        Sub(String id, String offerId, SubscriptionStatus status) {
            this.id = id;
            this.offerId = offerId;
            this.status = status;
        }

        Sub name(String value) {
            this.name = value;
            return this;
        }

        Sub productType(String type, String subType) {
            this.productType = new Subscription.ProductType(type, type, Optional.ofNullable(subType)
                    .map(s -> new Subscription.ProductType(s, s, null)).orElse(null));
            return this;
        }

        Sub billingType(String value) {
            this.billingType = value;
            return this;
        }

        Sub termEnds(Instant value) {
            this.termEnd = value;
            return this;
        }

        Sub autoRenew(boolean value) {
            this.autoRenew = value;
            return this;
        }

        Sub trial() {
            this.trial = true;
            return this;
        }

        Sub marketplace(String publisherName) {
            this.microsoft = false;
            this.publisher = publisherName;
            return this;
        }

        Sub parent(String parentId) {
            this.parent = parentId;
            return this;
        }

        Sub cancellableUntil(Instant value) {
            this.cancellableUntil = value;
            return this;
        }

        Sub etag(String value) {
            this.etag = value;
            return this;
        }

        Sub refundUntil(Instant value) {
            this.refunds = List.of(new Subscription.RefundOption("Full", value, null));
            return this;
        }

        Subscription build() {
            return new Subscription(id, offerId, name, name, status, 1, termEnd, autoRenew, "monthly", "P1Y",
                    "Licenses", billingType, productType, trial, microsoft, publisher, parent, "4847383",
                    cancellableUntil, null, refunds, new Subscription.ResourceAttributes(etag == null ? "etag-" + id
                            : etag, "Subscription"));
        }
    }
}
