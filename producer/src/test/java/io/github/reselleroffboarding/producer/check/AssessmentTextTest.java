package io.github.reselleroffboarding.producer.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.events.ProductFamily;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a person reads an assessment: blockers grouped by what clears them, dates with how far off they are. */
class AssessmentTextTest {

    static final LocalDate TODAY = LocalDate.parse("2026-12-02");
    final AssessmentText text = new AssessmentText(TODAY);

    @Test
    void blockersAreGroupedByWhatClearsThemWithDeadlinesInDays() {
        OffboardAssessed blocked = assessed(false, List.of(
                reason("n-1", "M365 Basic", ClearingAction.CANCEL_BEFORE_DEADLINE, "2026-12-06T00:00:00Z", null),
                reason("sp-1", "Savings plan", ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY, null,
                        "2027-06-20T00:00:00Z"),
                reason("n-2", "M365 E3", ClearingAction.CANCEL_BEFORE_DEADLINE, "2026-12-03T00:00:00Z", null)),
                null);

        String shown = text.single(blocked);

        assertThat(shown).contains("Contoso  6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11  (contoso.example, relationship "
                + "reseller)")
                .contains("NOT REMOVABLE: 3 blockers")
                .contains("  CANCEL_BEFORE_DEADLINE (2)\n    NCE_SUBSCRIPTION_NOT_CANCELLED  n-1 \"M365 Basic\"  active  "
                        + "until 2026-12-06 (in 4 days)\n    NCE_SUBSCRIPTION_NOT_CANCELLED  n-2 \"M365 E3\"  active  "
                        + "until 2026-12-03 (tomorrow)\n")
                .contains("  TRANSFER_OR_WAIT_UNTIL_EXPIRY (1)\n")
                .contains("ends 2027-06-20 (in 200 days)")
                .contains("removable by itself: never without an action");
    }

    @Test
    void aPreviewShowsTheWritesACleanUpWouldSendAndWhatItWouldLeave() {
        OffboardAssessed blocked = OffboardAssessed.newBuilder(assessed(false, List.of(reason("l-1", "E3",
                ClearingAction.SUSPEND, null, null)), null))
                .setCleanupActions(List.of(io.github.reselleroffboarding.events.CleanupAction.newBuilder()
                        .setAction(io.github.reselleroffboarding.events.CleanupActionKind.SUSPEND)
                        .setOutcome(io.github.reselleroffboarding.events.CleanupResult.PLANNED).setResourceId("l-1")
                        .setResourceName("E3").setDetail("A clean-up would suspend it").build()))
                .setCleanupLeft(List.of(io.github.reselleroffboarding.events.CleanupLeft.newBuilder()
                        .setReason(io.github.reselleroffboarding.events.CleanupLeftReason.CANNOT_BE_CANCELLED)
                        .setResourceId("sp-1").setMessage("No Partner Center API cancels it").build()))
                .build();

        assertThat(text.single(blocked)).contains("a clean-up (cleanup: true) would:")
                .contains("  SUSPEND planned  l-1 \"E3\" - A clean-up would suspend it")
                .contains("  left CANNOT_BE_CANCELLED  sp-1 - No Partner Center API cancels it");
    }

    @Test
    void aRemovableCustomerSaysSoAndListsItsNotices() {
        OffboardAssessed removable = OffboardAssessed.newBuilder(assessed(true, List.of(), Instant.parse(
                "2026-12-02T09:00:00Z"))).setNotices(List.of(BlockReason.newBuilder()
                .setCode(BlockReasonCode.DELEGATED_ADMIN_ACCESS).setMessage("DAP is on").build())).build();

        assertThat(text.single(removable)).contains("REMOVABLE now").contains("notices:\n  DELEGATED_ADMIN_ACCESS  DAP is on")
                .doesNotContain("removable by itself");
    }

    @Test
    void theSummaryCountsResultsAndCodesAndListsTheEarliestDeadlinesFirst() {
        OffboardAssessed a = assessed(false, List.of(reason("n-1", "M365", ClearingAction.CANCEL_BEFORE_DEADLINE,
                "2026-12-09T00:00:00Z", null)), null);
        OffboardAssessed b = OffboardAssessed.newBuilder(assessed(false, List.of(reason("n-9", "Teams",
                ClearingAction.CANCEL_BEFORE_DEADLINE, "2026-12-04T00:00:00Z", null)), null))
                .setRequestEventId("r-2").setCompanyName("Fabrikam").build();
        List<AssessmentRow> rows = List.of(AssessmentRow.of("t-1", "r-1", a), AssessmentRow.of("t-2", "r-2", b),
                AssessmentRow.of("t-3", "r-3", null));

        String summary = text.summary(rows, Map.of("r-1", a, "r-2", b), 2);

        assertThat(summary).startsWith("3 customers: 2 blocked, 1 not-answered; 2 bad lines skipped\n");
        assertThat(summary).contains("NCE_SUBSCRIPTION_NOT_CANCELLED          2         2");
        assertThat(summary.indexOf("2026-12-04 (in 2 days)  Fabrikam")).isLessThan(summary.indexOf(
                "2026-12-09 (in 7 days)  Contoso"));
    }

    static OffboardAssessed assessed(boolean removable, List<BlockReason> blockers, Instant earliest) {
        return OffboardAssessed.newBuilder().setEventId("o-1").setRequestEventId("r-1")
                .setCustomerTenantId("6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11").setRequestedBy("alice")
                .setAssessedAt(Instant.parse("2026-12-02T09:00:00Z")).setRemovable(removable).setBlockers(blockers)
                .setCompanyName("Contoso").setCustomerDomain("contoso.example").setRelationshipBefore("reseller")
                .setEarliestRemovableAt(earliest).build();
    }

    static BlockReason reason(String id, String name, ClearingAction action, String deadline, String ends) {
        return BlockReason.newBuilder().setCode(action == ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY
                ? BlockReasonCode.ACTIVE_AZURE_SAVINGS_PLAN : BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED)
                .setMessage("m").setResourceId(id).setResourceName(name).setStatus("active")
                .setProductFamily(ProductFamily.NCE_LICENSE).setAction(action)
                .setActionDeadline(deadline == null ? null : Instant.parse(deadline))
                .setEndsAt(ends == null ? null : Instant.parse(ends)).build();
    }
}
