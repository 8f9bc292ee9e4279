package io.github.reselleroffboarding.producer.tail;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reselleroffboarding.events.BlockReason;
import io.github.reselleroffboarding.events.BlockReasonCode;
import io.github.reselleroffboarding.events.ClearingAction;
import io.github.reselleroffboarding.events.RelationshipRemoved;
import io.github.reselleroffboarding.events.RemovedBy;
import io.github.reselleroffboarding.events.SubscriptionSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeFormatterTest {

    @Test
    void manyBlockersOfOneKindAreCountedNotListed() {
        List<BlockReason> reasons = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            reasons.add(reason(BlockReasonCode.ACTIVE_SUBSCRIPTION, "s-" + i, "E3 #" + i, "active"));
        }
        reasons.add(reason(BlockReasonCode.ACTIVE_AZURE_RESERVATION, "ri-1", null, "sql"));

        assertThat(OutcomeFormatter.reasons(reasons)).isEqualTo("ACTIVE_SUBSCRIPTION x45: s-1 \"E3 #1\", s-2 \"E3 "
                + "#2\", s-3 \"E3 #3\", +42 more; ACTIVE_AZURE_RESERVATION: ri-1");
    }

    @Test
    void reasonsWithoutAResourceShowTheirMessage() {
        assertThat(OutcomeFormatter.reasons(List.of(reason(BlockReasonCode.INVALID_REQUEST, null, null,
                "requestedBy is empty")))).isEqualTo("INVALID_REQUEST - requestedBy is empty");
        assertThat(OutcomeFormatter.reasons(List.of(reason(BlockReasonCode.CUSTOMER_NOT_FOUND, "t", null,
                "not a customer (HTTP 404)")))).isEqualTo("CUSTOMER_NOT_FOUND - not a customer (HTTP 404)");
    }

    @Test
    void eachResourceSaysWhatClearsItAndByWhen() {
        BlockReason nce = BlockReason.newBuilder().setCode(BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED)
                .setMessage("m").setResourceId("n-1").setResourceName("M365 Business Basic")
                .setAction(ClearingAction.CANCEL_BEFORE_DEADLINE)
                .setActionDeadline(Instant.parse("2026-12-08T23:59:00Z")).build();
        BlockReason savings = BlockReason.newBuilder().setCode(BlockReasonCode.ACTIVE_AZURE_SAVINGS_PLAN)
                .setMessage("m").setResourceId("sp-1").setAction(ClearingAction.TRANSFER_OR_WAIT_UNTIL_EXPIRY)
                .setEndsAt(Instant.parse("2027-05-17T00:00:00Z")).build();

        assertThat(OutcomeFormatter.reasons(List.of(nce, savings))).isEqualTo("NCE_SUBSCRIPTION_NOT_CANCELLED: n-1 "
                + "\"M365 Business Basic\" [CANCEL_BEFORE_DEADLINE until 2026-12-08]; ACTIVE_AZURE_SAVINGS_PLAN: sp-1 "
                + "[TRANSFER_OR_WAIT_UNTIL_EXPIRY ends 2027-05-17]");
    }

    @Test
    void aRelationshipSomeoneElseRemovedSaysWhoAndWhen() {
        RelationshipRemoved removed = RelationshipRemoved.newBuilder().setEventId("o").setRequestEventId("r")
                .setCustomerTenantId("t").setRemovedAt(Instant.parse("2026-12-01T00:00:00Z")).setRequestedBy("me")
                .setAlreadyRemoved(true).setCompanyName("Wingtip").setRemovedBy(RemovedBy.SOMEONE_ELSE)
                .setRemovedByPrincipal("bob@partner.example").setRemovedByAt(Instant.parse("2026-11-20T10:00:00Z"))
                .build();

        assertThat(new OutcomeFormatter().text(removed)).isEqualTo("2026-12-01T00:00:00Z  REMOVED  t (Wingtip)  "
                + "request=r by=me  (already removed by bob@partner.example at 2026-11-20T10:00:00Z, not by this "
                + "service; no PATCH sent)");
    }

    @Test
    void aRemovalSaysWhichSubscriptionsAreLeft() {
        RelationshipRemoved removed = RelationshipRemoved.newBuilder().setEventId("o").setRequestEventId("r")
                .setCustomerTenantId("t").setRemovedAt(Instant.parse("2026-01-01T00:00:00Z")).setRequestedBy("me")
                .setAlreadyRemoved(false).setRemainingSubscriptions(List.of(
                        SubscriptionSummary.newBuilder().setId("a").setStatus("suspended").build(),
                        SubscriptionSummary.newBuilder().setId("b").setStatus("suspended").build(),
                        SubscriptionSummary.newBuilder().setId("c").setStatus("deleted").build())).build();

        assertThat(new OutcomeFormatter().text(removed)).endsWith("(3 subscriptions left: 2 suspended, 1 deleted)");
    }

    @Test
    void aCleanUpShowsItsWritesByActionAndWhatItLeftByReason() {
        List<io.github.reselleroffboarding.events.CleanupAction> writes = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            writes.add(io.github.reselleroffboarding.events.CleanupAction.newBuilder()
                    .setAction(io.github.reselleroffboarding.events.CleanupActionKind.SUSPEND)
                    .setOutcome(io.github.reselleroffboarding.events.CleanupResult.DONE).setResourceId("l-" + i)
                    .build());
        }
        writes.add(io.github.reselleroffboarding.events.CleanupAction.newBuilder()
                .setAction(io.github.reselleroffboarding.events.CleanupActionKind.CANCEL)
                .setOutcome(io.github.reselleroffboarding.events.CleanupResult.REFUSED).setResourceId("n-1")
                .setErrorCode("900117").build());
        io.github.reselleroffboarding.events.CleanupLeft left = io.github.reselleroffboarding.events.CleanupLeft
                .newBuilder().setReason(io.github.reselleroffboarding.events.CleanupLeftReason.REFUSED)
                .setResourceId("n-1").setMessage("refused").build();
        io.github.reselleroffboarding.events.OffboardBlocked blocked = io.github.reselleroffboarding.events
                .OffboardBlocked.newBuilder().setEventId("o").setRequestEventId("r").setCustomerTenantId("t")
                .setBlockedAt(Instant.parse("2026-12-01T00:00:00Z")).setRequestedBy("me")
                .setReasons(List.of(reason(BlockReasonCode.NCE_SUBSCRIPTION_NOT_CANCELLED, "n-1", null, "m")))
                .setCleanupActions(writes).setCleanupLeft(List.of(left)).build();

        assertThat(new OutcomeFormatter().text(blocked)).endsWith("cleanup: SUSPEND done 45 (l-1, l-2, l-3, +42 "
                + "more); CANCEL refused 1 (n-1 code 900117); cleanup left: REFUSED 1 (n-1)");
    }

    @Test
    void anOutcomeWithoutACleanUpSaysNothingAboutIt() {
        RelationshipRemoved removed = RelationshipRemoved.newBuilder().setEventId("o").setRequestEventId("r")
                .setCustomerTenantId("t").setRemovedAt(Instant.parse("2026-01-01T00:00:00Z")).setRequestedBy("me")
                .setAlreadyRemoved(false).build();

        assertThat(new OutcomeFormatter().text(removed)).doesNotContain("cleanup");
    }

    private static BlockReason reason(BlockReasonCode code, String id, String name, String message) {
        return BlockReason.newBuilder().setCode(code).setResourceId(id).setResourceName(name).setMessage(message)
                .build();
    }
}
