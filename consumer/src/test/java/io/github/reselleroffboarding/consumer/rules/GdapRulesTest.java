package io.github.reselleroffboarding.consumer.rules;

import static io.github.reselleroffboarding.consumer.rules.CleanupPlannerTest.TENANT;
import static io.github.reselleroffboarding.consumer.rules.CleanupPlannerTest.recorded;
import static io.github.reselleroffboarding.consumer.rules.CleanupPlannerTest.request;
import static io.github.reselleroffboarding.consumer.rules.OffboardingRulesTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.events.CleanupLeftReason;
import io.github.reselleroffboarding.events.CleanupResult;
import io.github.reselleroffboarding.partnercenter.model.GdapRelationship;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which of the partner's GDAP relationships with a customer a clean-up terminates after the removal, and what the
 * outcome says of each. Pure: no Graph, no Kafka.
 */
class GdapRulesTest {

    static final CleanupPolicy GDAP_ON = new CleanupPolicy(Set.of(), Set.of(), Set.of(), true);
    final OffboardingRules rules = new OffboardingRules(FamilyPolicy.DEFAULT, GDAP_ON);

    @Test
    void onlyARequestThatConsentsUnderAPolicyThatAllowsItTerminatesGdap() {
        assertThat(rules.terminatesGdap(request(true))).isTrue();
        assertThat(rules.terminatesGdap(request(false))).isFalse();
        assertThat(new OffboardingRules(FamilyPolicy.DEFAULT, CleanupPolicy.OFF).terminatesGdap(request(true)))
                .isFalse();
    }

    @Test
    void everyActiveRelationshipIsToBeTerminatedAndOneNotYetActiveIsLeftWithWhy() {
        GdapPlan plan = rules.planGdap(request(true), TenantHistory.NONE, List.of(gdap("g-1", "active"),
                gdap("g-2", "approvalPending"), gdap("g-3", "terminated"), gdap("g-4", "active")));

        assertThat(plan.toTerminate()).extracting(GdapRelationship::id).containsExactly("g-1", "g-4");
        assertThat(plan.known().taken()).as("an ended one not ended by this request is not reported done")
                .isEmpty();
        assertThat(plan.known().left()).singleElement().satisfies(left -> {
            assertThat(left.resourceId()).isEqualTo("g-2");
            assertThat(left.reason()).isEqualTo(CleanupLeftReason.NOT_AUTOMATED);
            assertThat(left.action()).isEqualTo(CleanupActionKind.TERMINATE_GDAP);
            assertThat(left.message()).contains("approvalPending").contains("only an active relationship");
        });
    }

    @Test
    void aTerminationAnEarlierTryRecordedAndGraphShowsEndingIsDoneAndNotSentAgain() {
        TenantHistory history = recorded(new TenantHistory.RecordedAction("e-1", "g-1",
                CleanupActionKind.TERMINATE_GDAP, "W/\"1\"", "earlier-request-id", NOW.toEpochMilli()));

        GdapPlan plan = rules.planGdap(request(true), history, List.of(gdap("g-1", "terminationRequested")));

        assertThat(plan.toTerminate()).isEmpty();
        assertThat(plan.known().taken()).singleElement().satisfies(taken -> {
            assertThat(taken.outcome()).isEqualTo(CleanupResult.DONE);
            assertThat(taken.msRequestId()).isEqualTo("earlier-request-id");
            assertThat(taken.at()).isEqualTo(NOW);
        });
    }

    @Test
    void aRecordedTerminationStillActiveWasNeverTakenAndIsSent() {
        // the crash came between recording the intent and sending it: Graph still shows the relationship active
        TenantHistory history = recorded(new TenantHistory.RecordedAction("e-1", "g-1",
                CleanupActionKind.TERMINATE_GDAP, null, "earlier-request-id", NOW.toEpochMilli()));

        GdapPlan plan = rules.planGdap(request(true), history, List.of(gdap("g-1", "active")));

        assertThat(plan.toTerminate()).extracting(GdapRelationship::id).containsExactly("g-1");
    }

    @Test
    void aTerminationReadBackEndingIsDoneAndOneStillActiveIsLeftAsNotConfirmed() {
        CleanupReport confirmed = rules.gdapTerminated(gdap("g-1", "terminating"), "r-1", NOW, true);
        CleanupReport stuck = rules.gdapTerminated(gdap("g-2", "active"), "r-2", NOW, true);

        assertThat(confirmed.taken()).singleElement().satisfies(taken -> {
            assertThat(taken.outcome()).isEqualTo(CleanupResult.DONE);
            assertThat(taken.msRequestId()).isEqualTo("r-1");
            assertThat(taken.detail()).contains("terminating");
        });
        assertThat(confirmed.left()).isEmpty();
        assertThat(stuck.left()).singleElement().satisfies(left -> {
            assertThat(left.reason()).isEqualTo(CleanupLeftReason.NOT_CONFIRMED);
            assertThat(left.message()).contains("still shows active");
        });
    }

    @Test
    void graphUnavailableLeavesTheAccessWithTheCodeAndWhatToDo() {
        CleanupReport whole = rules.gdapUnavailable(null, "503", "Service Unavailable after 4 tries");
        CleanupReport one = rules.gdapUnavailable(gdap("g-1", "active"), "429", "throttled");

        assertThat(whole.taken()).isEmpty();
        assertThat(whole.left()).singleElement().satisfies(left -> {
            assertThat(left.reason()).isEqualTo(CleanupLeftReason.GRAPH_UNAVAILABLE);
            assertThat(left.errorCode()).isEqualTo("503");
            assertThat(left.message()).contains("terminate it in Partner Center");
        });
        assertThat(one.left()).singleElement().satisfies(left -> {
            assertThat(left.resourceId()).isEqualTo("g-1");
            assertThat(left.resourceName()).isEqualTo("Admin g-1");
            assertThat(left.endsAt()).isEqualTo(Instant.parse("2027-06-01T00:00:00Z"));
        });
    }

    @Test
    void aPreviewPlansEveryActiveRelationshipAndSendsNothing() {
        CleanupReport preview = rules.previewGdap(List.of(gdap("g-1", "active"), gdap("g-2", "created")));

        assertThat(preview.taken()).singleElement().satisfies(taken -> {
            assertThat(taken.outcome()).isEqualTo(CleanupResult.PLANNED);
            assertThat(taken.msRequestId()).isNull();
        });
        assertThat(preview.left()).extracting(CleanupReport.Left::resourceId).containsExactly("g-2");
    }

    static GdapRelationship gdap(String id, String status) {
        return new GdapRelationship(id, "Admin " + id, status, new GdapRelationship.Customer(TENANT.toString(),
                "Contoso"), Instant.parse("2027-06-01T00:00:00Z"), "W/\"1\"");
    }
}
