package io.github.reselleroffboarding.producer.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.OffboardAssessed;
import io.github.reselleroffboarding.events.OffboardBlocked;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import java.time.Instant;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** What a report counts, and the HTML page read as a browser reads it. No Kafka. */
class ReportTest {

    static final Instant DAY_1 = Instant.parse("2026-11-28T10:00:00Z");
    static final Instant DAY_2 = Instant.parse("2026-11-30T16:00:00Z");

    @Test
    void eachAnswerIsCountedOnceByKindAndDayAndBlockersByCodeAndAction() {
        Report report = sample();

        assertThat(report.answered()).isEqualTo(8);
        assertThat(report.removed()).isEqualTo(3);
        assertThat(report.total(OutcomeTally.Kind.REMOVED_BY_THIS_SERVICE)).isEqualTo(1);
        assertThat(report.total(OutcomeTally.Kind.ALREADY_GONE)).isEqualTo(1);
        assertThat(report.total(OutcomeTally.Kind.REMOVED_BY_SOMEONE_ELSE)).isEqualTo(1);
        assertThat(report.total(OutcomeTally.Kind.BLOCKED)).isEqualTo(2);
        assertThat(report.total(OutcomeTally.Kind.REJECTED)).isEqualTo(1);
        assertThat(report.total(OutcomeTally.Kind.INVALID)).isEqualTo(1);
        assertThat(report.total(OutcomeTally.Kind.ASSESSED)).isEqualTo(1);
        assertThat(report.total(OutcomeTally.Kind.DEAD_LETTERED)).isEqualTo(1);
        assertThat(report.days()).hasSize(2);
        assertThat(report.blockedByCode().get("ACTIVE_SUBSCRIPTION")).isEqualTo(new Report.CodeCount(2, 46));
        assertThat(report.blockersByAction()).containsEntry("SUSPEND", 46L).containsEntry("CANCEL_BEFORE_DEADLINE", 1L);
        assertThat(report.deadLettersByCause()).containsEntry("SerializationException", 1L);
    }

    @Test
    void cleanUpWritesAreCountedByActionAndOutcomeAndWhatWasLeftByReason() {
        OutcomeTally tally = new OutcomeTally();
        tally.removed(RelationshipRemoved.newBuilder(removed(false, RemovedBy.THIS_REQUEST)).setCleanupActions(List.of(
                io.github.reselleroffboarding.events.CleanupAction.newBuilder()
                        .setAction(io.github.reselleroffboarding.events.CleanupActionKind.SUSPEND)
                        .setOutcome(io.github.reselleroffboarding.events.CleanupResult.DONE).build(),
                io.github.reselleroffboarding.events.CleanupAction.newBuilder()
                        .setAction(io.github.reselleroffboarding.events.CleanupActionKind.SUSPEND)
                        .setOutcome(io.github.reselleroffboarding.events.CleanupResult.DONE).build())).build(), DAY_2);
        tally.blocked(OffboardBlocked.newBuilder(blocked(List.of(reason(BlockReasonCode.ACTIVE_AZURE_SAVINGS_PLAN,
                ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY)))).setCleanupLeft(List.of(
                io.github.reselleroffboarding.events.CleanupLeft.newBuilder()
                        .setReason(io.github.reselleroffboarding.events.CleanupLeftReason.CANNOT_BE_CANCELLED)
                        .setMessage("m").build())).build(), DAY_2);

        Report report = tally.report(DAY_1, DAY_2.plusSeconds(3600));

        assertThat(report.cleanupWrites()).containsExactly(java.util.Map.entry("SUSPEND done", 2L));
        assertThat(report.cleanupLeft()).containsExactly(java.util.Map.entry("CANNOT_BE_CANCELLED", 1L));
        assertThat(ReportText.table(report)).contains("clean-up writes").contains("SUSPEND done")
                .contains("left by clean-ups").contains("CANNOT_BE_CANCELLED");
        assertThat(ReportText.json(report)).contains("\"cleanupWrites\" : {\n    \"SUSPEND done\" : 2");
        assertThat(Jsoup.parse(HtmlReport.render(report, "r")).getElementById("cleanup-writes")).isNotNull();
    }

    @Test
    void theCsvHasOneRowPerDayAndATotal() {
        String csv = ReportText.csv(sample());

        assertThat(csv.lines()).hasSize(4);
        assertThat(csv.lines().toList().get(0)).startsWith("day,answered,removed,already gone,by someone else,blocked");
        assertThat(csv.lines().toList().get(1)).startsWith("2026-11-28,");
        assertThat(csv.lines().toList().get(3)).startsWith("total,8,1,1,1,2,1,1,1,1");
    }

    @Test
    void theHtmlPageIsSelfContainedAndShowsEveryFigureInItsChartsAndTables() {
        Document page = Jsoup.parse(HtmlReport.render(sample(), "Offboarding <Q4>"));

        assertThat(page.title()).isEqualTo("Offboarding <Q4>");
        assertThat(page.select("script, link, iframe, img, object, embed")).as("nothing to fetch or run").isEmpty();
        assertThat(page.select("[src], [href]")).isEmpty();
        assertThat(page.html()).doesNotContain("http://").doesNotContain("https://");
        assertThat(page.selectFirst("[data-total=answered] b").text()).isEqualTo("8");
        assertThat(page.selectFirst("[data-total=dead-lettered] b").text()).isEqualTo("1");

        Element days = page.getElementById("chart-days");
        assertThat(days.tagName()).isEqualTo("svg");
        assertThat(days.select("rect[data-day=2026-11-30]").stream().mapToLong(r -> Long.parseLong(r.attr(
                "data-count"))).sum()).isEqualTo(8);
        assertThat(days.selectFirst("rect[data-day=2026-11-28][data-kind=blocked]").attr("data-count"))
                .isEqualTo("1");
        assertThat(days.selectFirst("rect[data-kind=removed_by_this_service] title").text())
                .isEqualTo("2026-11-30: 1 removed");

        Element codes = page.getElementById("chart-codes");
        assertThat(codes.select("rect").eachAttr("data-code")).containsExactly("ACTIVE_SUBSCRIPTION",
                "INVALID_REQUEST", "NCE_SUBSCRIPTION_NOT_CANCELLED", "REMOVAL_REJECTED");
        assertThat(page.select("#per-day tr")).hasSize(4);
        assertThat(page.select("#per-day tr.total td").eachText()).startsWith("total", "8");
        assertThat(page.select("#codes tr td").eachText()).containsSequence("ACTIVE_SUBSCRIPTION", "2", "46");
        assertThat(page.select("#dead-letters td").eachText()).containsExactly("SerializationException", "1");
    }

    @Test
    void anEmptyWindowSaysSoInWords() {
        Document page = Jsoup.parse(HtmlReport.render(new OutcomeTally().report(DAY_1, DAY_2), "Empty"));

        assertThat(page.getElementById("no-outcomes").text()).contains("No request was answered");
        assertThat(page.getElementById("no-blockers")).isNotNull();
        assertThat(page.getElementById("chart-days")).isNull();
    }

    static Report sample() {
        OutcomeTally tally = new OutcomeTally();
        tally.blocked(blocked(List.of(reason(BlockReasonCode.ACTIVE_SUBSCRIPTION, ClearingAction.SUSPEND))), DAY_1);
        tally.removed(removed(false, RemovedBy.THIS_REQUEST), DAY_2);
        tally.removed(removed(true, RemovedBy.THIS_SERVICE_EARLIER), DAY_2);
        tally.removed(removed(true, RemovedBy.SOMEONE_ELSE), DAY_2);
        List<BlockReason> many = new java.util.ArrayList<>();
        for (int i = 0; i < 45; i++) {
            many.add(reason(BlockReasonCode.ACTIVE_SUBSCRIPTION, ClearingAction.SUSPEND));
        }
        many.add(reason(BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED, ClearingAction.CANCEL_BEFORE_DEADLINE));
        tally.blocked(blocked(many), DAY_2);
        tally.blocked(blocked(List.of(reason(BlockReasonCode.REMOVAL_REJECTED, null))), DAY_2);
        tally.blocked(blocked(List.of(reason(BlockReasonCode.INVALID_REQUEST, null))), DAY_2);
        tally.assessed(OffboardAssessed.newBuilder().setEventId("a").setRequestEventId("r").setCustomerTenantId("t")
                .setRequestedBy("x").setAssessedAt(DAY_2).setRemovable(true).setBlockers(List.of()).build(), DAY_2);
        tally.deadLettered("SerializationException", DAY_2);
        return tally.report(DAY_1.minusSeconds(86_400), DAY_2.plusSeconds(3600));
    }

    static BlockReason reason(BlockReasonCode code, ClearingAction action) {
        return BlockReason.newBuilder().setCode(code).setMessage("m").setAction(action).build();
    }

    static OffboardBlocked blocked(List<BlockReason> reasons) {
        return OffboardBlocked.newBuilder().setEventId("o").setRequestEventId("r").setCustomerTenantId("t")
                .setBlockedAt(DAY_1).setRequestedBy("x").setReasons(reasons).build();
    }

    static RelationshipRemoved removed(boolean already, RemovedBy by) {
        return RelationshipRemoved.newBuilder().setEventId("o").setRequestEventId("r").setCustomerTenantId("t")
                .setRemovedAt(DAY_2).setRequestedBy("x").setAlreadyRemoved(already).setRemovedBy(by).build();
    }
}
