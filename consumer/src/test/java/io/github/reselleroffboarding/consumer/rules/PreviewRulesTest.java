package io.github.reselleroffboarding.consumer.rules;

import static io.github.reselleroffboarding.consumer.rules.OffboardingRulesTest.NOW;
import static io.github.reselleroffboarding.consumer.rules.OffboardingRulesTest.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.CustomerOffboardRequested;
import io.github.reselleroffboarding.events.OffboardMode;
import io.github.reselleroffboarding.partnercenter.model.AuditRecord;
import io.github.reselleroffboarding.partnercenter.model.RelationshipToPartner;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a preview answers, from the same decisions a removal is made by. No Kafka, no HTTP. */
class PreviewRulesTest {

    static final Instant IN_3_DAYS = NOW.plus(Duration.ofDays(3));
    static final Instant IN_200_DAYS = NOW.plus(Duration.ofDays(200));

    final OffboardingRules rules = new OffboardingRules(FamilyPolicy.DEFAULT);

    @Test
    void aRequestWithoutAModeIsARemovalAndPreviewIsAPreview() {
        assertThat(valid(request(null)).mode()).isEqualTo(RequestMode.REMOVE);
        assertThat(valid(request(OffboardMode.REMOVE)).mode()).isEqualTo(RequestMode.REMOVE);
        assertThat(valid(request(OffboardMode.PREVIEW)).preview()).isTrue();
    }

    @Test
    void aModeThisVersionDoesNotKnowIsRefusedNeverTakenForARemoval() {
        var result = rules.validate(request(OffboardMode.UNKNOWN));

        assertThat(result).isInstanceOfSatisfying(Validation.Invalid.class, invalid ->
                assertThat(invalid.problems()).singleElement().asString().startsWith("mode is not one this version"));
    }

    @Test
    void anInvalidPreviewIsAnsweredByAnAssessmentSayingWhy() {
        CustomerOffboardRequested bad = CustomerOffboardRequested.newBuilder().setEventId("e-1")
                .setCustomerTenantId("not-a-guid").setRequestedAt(NOW).setRequestedBy("alice")
                .setMode(OffboardMode.PREVIEW).build();

        Verdict verdict = rules.rejectInvalid((Validation.Invalid) rules.validate(bad), NOW);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Assessed.class, assessed -> {
            assertThat(assessed.removable()).isFalse();
            assertThat(assessed.blockers()).extracting(Blocker::code).containsExactly(BlockReasonCode.INVALID_REQUEST);
            assertThat(assessed.earliestRemovableAt()).isNull();
        });
    }

    @Test
    void aCleanCustomerIsRemovableNowWithWhatWouldBeLeftAndDelegatedAdminAsNotices() {
        var reads = ProductFamiliesTest.reads(List.of(ProductFamiliesTest.legacy("s-1", SubscriptionStatus.SUSPENDED),
                ProductFamiliesTest.software(SubscriptionStatus.ACTIVE).build()), Map.of());

        Verdict.Assessed assessed = rules.assess(rules.evaluate(reads, NOW), true, NOW);

        assertThat(assessed.removable()).isTrue();
        assertThat(assessed.blockers()).isEmpty();
        assertThat(assessed.earliestRemovableAt()).isEqualTo(NOW);
        assertThat(assessed.notices()).extracting(Blocker::code).containsExactly(BlockReasonCode.SOFTWARE_PURCHASE,
                BlockReasonCode.SUBSCRIPTION_LEFT, BlockReasonCode.DELEGATED_ADMIN_ACCESS);
        assertThat(assessed.notices().get(1).resourceId()).isEqualTo("s-1");
        assertThat(assessed.snapshot().companyName()).isEqualTo("Contoso");
    }

    @Test
    void blockersThatAllEndByThemselvesGiveTheLatestOfTheirEnds() {
        var reads = ProductFamiliesTest.reads(List.of(
                ProductFamiliesTest.savingsPlan(SubscriptionStatus.ACTIVE, IN_3_DAYS, false),
                ProductFamiliesTest.nce("n-1", SubscriptionStatus.ACTIVE).termEnds(IN_200_DAYS).autoRenew(false)
                        .build()), Map.of());

        Verdict.Assessed assessed = rules.assess(rules.evaluate(reads, NOW), false, NOW);

        assertThat(assessed.removable()).isFalse();
        assertThat(assessed.blockers()).hasSize(2);
        assertThat(assessed.earliestRemovableAt()).isEqualTo(IN_200_DAYS);
        assertThat(assessed.notices()).isEmpty();
    }

    @Test
    void oneBlockerThatNeverEndsWithoutAnActionLeavesNoDate() {
        var reads = ProductFamiliesTest.reads(List.of(
                ProductFamiliesTest.savingsPlan(SubscriptionStatus.ACTIVE, IN_3_DAYS, false),
                ProductFamiliesTest.nce("n-1", SubscriptionStatus.ACTIVE).termEnds(IN_200_DAYS).autoRenew(true)
                        .build()), Map.of());

        Verdict.Assessed assessed = rules.assess(rules.evaluate(reads, NOW), false, NOW);

        assertThat(assessed.blockers()).extracting(Blocker::endsAt).containsNull();
        assertThat(assessed.earliestRemovableAt()).isNull();
    }

    @Test
    void aCustomerThatIsNotAResellerCustomerIsNotRemovableAndNeverBecomesSo() {
        var reads = new CustomerReads(OffboardingRulesTest.customer(RelationshipToPartner.ADVISOR), List.of(),
                List.of(), Map.of());

        Verdict.Assessed assessed = rules.assess(rules.evaluate(reads, NOW), null, NOW);

        assertThat(assessed.blockers()).extracting(Blocker::code)
                .containsExactly(BlockReasonCode.NOT_A_RESELLER_CUSTOMER);
        assertThat(assessed.earliestRemovableAt()).isNull();
    }

    @Test
    void aRelationshipAlreadyEndedIsSaidWithWhoEndedItAndIsNotRemovable() {
        Verdict removal = rules.customerGone(TENANT, "preview-1", TenantHistory.NONE, "patch-id", "HTTP 403, code 20002",
                true, new ActivityLog.Records(List.of(new AuditRecord("a", TENANT.value(),
                        "remove_partner_customer_relationship", NOW.minus(Duration.ofDays(2)), "succeeded",
                        "bob@partner.example", null, "customer"))), CustomerSnapshot.NOT_READ, NOW);

        Verdict.Assessed assessed = rules.assessGone(removal, NOW);

        assertThat(assessed.removable()).isFalse();
        assertThat(assessed.alreadyRemoved()).isTrue();
        assertThat(assessed.blockers()).isEmpty();
        assertThat(assessed.notices()).singleElement().satisfies(n -> {
            assertThat(n.code()).isEqualTo(BlockReasonCode.ALREADY_REMOVED);
            assertThat(n.message()).contains("bob@partner.example").contains("nothing to remove");
        });
    }

    @Test
    void anUnknownTenantIsNotFound() {
        Verdict removal = rules.customerGone(TENANT, "preview-1", TenantHistory.NONE, "patch-id", "HTTP 404", false,
                new ActivityLog.Records(List.of()), CustomerSnapshot.NOT_READ, NOW);

        Verdict.Assessed assessed = rules.assessGone(removal, NOW);

        assertThat(assessed.alreadyRemoved()).isFalse();
        assertThat(assessed.blockers()).extracting(Blocker::code).containsExactly(BlockReasonCode.CUSTOMER_NOT_FOUND);
    }

    private OffboardRequest valid(CustomerOffboardRequested request) {
        return ((Validation.Valid) rules.validate(request)).request();
    }

    private static CustomerOffboardRequested request(OffboardMode mode) {
        CustomerOffboardRequested.Builder builder = CustomerOffboardRequested.newBuilder().setEventId("e-1")
                .setCustomerTenantId(TENANT.value()).setRequestedAt(NOW).setRequestedBy("alice");
        if (mode != null) {
            builder.setMode(mode);
        }
        return builder.build();
    }
}
