package io.github.reselleroffboarding.consumer.rules;

import static io.github.reselleroffboarding.consumer.rules.CleanupPlannerTest.recorded;
import static io.github.reselleroffboarding.consumer.rules.CleanupPlannerTest.request;
import static io.github.reselleroffboarding.consumer.rules.OffboardingRulesTest.NOW;
import static io.github.reselleroffboarding.consumer.rules.ProductFamiliesTest.azurePlan;
import static io.github.reselleroffboarding.consumer.rules.ProductFamiliesTest.legacy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.events.CleanupLeftReason;
import io.github.reselleroffboarding.events.CleanupResult;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.partnercenter.model.AzureEntitlement;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import io.github.reselleroffboarding.partnercenter.model.SubscriptionStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An Azure plan's clean-up: its Azure subscriptions cancelled first, the plan suspended once they show cancelled,
 * a recorded cancellation recognised after a restart. Pure: no Partner Center, no Kafka.
 */
class AzurePlanCleanupTest {

    static final CleanupPolicy AZURE_AND_LEGACY = new CleanupPolicy(Set.of(CleanupActionKind.SUSPEND), Set.of(),
            Set.of(), CleanupPolicy.CANCEL_AZURE_SUBSCRIPTIONS, false);
    static final String PLAN = "5e6f7a8b-0000-4000-8000-00000000aa01";

    final OffboardingRules rules = new OffboardingRules(FamilyPolicy.DEFAULT, AZURE_AND_LEGACY);
    final Subscription plan = azurePlan(PLAN, SubscriptionStatus.ACTIVE);
    final Subscription office = legacy("l-1", SubscriptionStatus.ACTIVE);

    @Test
    void everyActiveAzureSubscriptionIsCancelledFirstAndTheSuspensionsWaitForThem() {
        CleanupPlan cleanup = plan(reads(azure("az-1", "active"), azure("az-2", "active"), azure("az-3", "inactive")),
                List.of());

        assertThat(cleanup.writes()).hasSize(2).allSatisfy(write -> {
            assertThat(write.action()).isEqualTo(CleanupActionKind.CANCEL);
            assertThat(write.family()).isEqualTo(ProductFamily.AZURE_SUBSCRIPTION);
            assertThat(write.subscription().id()).as("sent under its plan").isEqualTo(PLAN);
            assertThat(write.etag()).isNull();
        });
        assertThat(cleanup.writes()).extracting(CleanupPlan.Write::resourceId).containsExactly("az-1", "az-2");
        assertThat(cleanup.left()).singleElement().satisfies(left -> {
            assertThat(left.reason()).isEqualTo(CleanupLeftReason.HELD_BACK);
            assertThat(left.resourceId()).isEqualTo("l-1");
        });
    }

    @Test
    void withItsAzureSubscriptionsCancelledThePlanIsSuspendedWithTheRest() {
        CleanupPlan cleanup = plan(reads(azure("az-1", "inactive")), List.of());

        assertThat(cleanup.writes()).extracting(CleanupPlan.Write::resourceId, CleanupPlan.Write::action)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(PLAN, CleanupActionKind.SUSPEND),
                        org.assertj.core.groups.Tuple.tuple("l-1", CleanupActionKind.SUSPEND));
        assertThat(cleanup.left()).isEmpty();
    }

    @Test
    void aCancellationRecordedBeforeARestartIsSentAgainWithItsRequestIdWhileTheAzureSubscriptionIsActive() {
        TenantHistory history = recorded(new TenantHistory.RecordedAction("e-1", "az-1", CleanupActionKind.CANCEL,
                null, "ms-req-azure-1", NOW.toEpochMilli()));

        CleanupPlan cleanup = plan(reads(azure("az-1", "active")), history.actionsRecordedBy("e-1"));

        assertThat(cleanup.writes()).singleElement().satisfies(write -> {
            assertThat(write.recordedRequestId()).as("Partner Center takes the same MS-RequestId as a copy")
                    .isEqualTo("ms-req-azure-1");
            assertThat(write.needsRecording()).isFalse();
        });
    }

    @Test
    void aCancellationRecordedBeforeARestartThatNowShowsIsReportedDoneAndNotSent() {
        TenantHistory history = recorded(new TenantHistory.RecordedAction("e-1", "az-1", CleanupActionKind.CANCEL,
                null, "ms-req-azure-1", NOW.toEpochMilli()));
        CustomerReads after = reads(azure("az-1", "inactive"));

        CleanupReport report = rules.cleanupReport(request(true), history, CleanupPlan.NOTHING, List.of(),
                rules.evaluate(after, NOW), after, NOW);

        assertThat(report.taken()).singleElement().satisfies(taken -> {
            assertThat(taken.outcome()).isEqualTo(CleanupResult.DONE);
            assertThat(taken.resourceId()).isEqualTo("az-1");
            assertThat(taken.msRequestId()).isEqualTo("ms-req-azure-1");
        });
    }

    @Test
    void aCancellationAcceptedButNotYetShownIsLeftInProgressNotRefused() {
        CustomerReads before = reads(azure("az-1", "active"));
        CleanupPlan cleanup = plan(before, List.of());
        CleanupReport.Taken accepted = rules.cleanupDone(cleanup.writes().get(0), "ms-req-1", NOW, "accepted");

        CleanupReport report = rules.cleanupReport(request(true), TenantHistory.NONE, cleanup, List.of(accepted),
                rules.evaluate(before, NOW), before, NOW);

        assertThat(report.left()).filteredOn(l -> l.resourceId().equals("az-1")).singleElement()
                .satisfies(left -> {
                    assertThat(left.reason()).isEqualTo(CleanupLeftReason.IN_PROGRESS);
                    assertThat(left.message()).contains("about ten minutes").contains("Send the request again");
                });
    }

    private CleanupPlan plan(CustomerReads reads, List<TenantHistory.RecordedAction> recorded) {
        Decision decision = rules.evaluate(reads, NOW);
        assertThat(decision).isInstanceOf(Decision.Block.class);
        return rules.planCleanup(request(true), recorded.isEmpty() ? TenantHistory.NONE
                : recorded(recorded.toArray(TenantHistory.RecordedAction[]::new)), (Decision.Block) decision, reads,
                NOW);
    }

    private CustomerReads reads(AzureEntitlement... underPlan) {
        return ProductFamiliesTest.reads(List.of(plan, office), Map.of(PLAN, List.of(underPlan)));
    }

    private static AzureEntitlement azure(String id, String status) {
        return new AzureEntitlement(id, "Azure " + id, status, id);
    }
}
