package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.events.CleanupLeftReason;
import io.github.reselleroffboarding.events.CleanupResult;
import io.github.reselleroffboarding.partnercenter.model.GdapRelationship;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The partner's GDAP relationships with a customer, after the removal: every {@code active} one is terminated (a
 * terminate request, then a read back to confirm its status); one already ending that this request asked to
 * end in an earlier try is reported done; one in any other status that has not ended ({@code created},
 * {@code approvalPending}, ...) is left, as only an active relationship can be terminated. A terminate request
 * sent twice is harmless: Graph refuses the second (409), the relationship is no longer active.
 */
final class GdapRules {

    GdapPlan plan(List<GdapRelationship> listed, List<TenantHistory.RecordedAction> recorded) {
        List<GdapRelationship> toTerminate = new ArrayList<>();
        List<CleanupReport.Taken> done = new ArrayList<>();
        List<CleanupReport.Left> left = new ArrayList<>();
        for (GdapRelationship relationship : listed) {
            TenantHistory.RecordedAction earlier = recorded.stream().filter(r -> r.action()
                    == CleanupActionKind.TERMINATE_GDAP && r.resourceId().equals(relationship.id())).findFirst()
                    .orElse(null);
            if (relationship.active()) {
                toTerminate.add(relationship);
            } else if (relationship.ending()) {
                if (earlier != null) {
                    done.add(taken(relationship, earlier.msRequestId(), Instant.ofEpochMilli(earlier.atMillis()),
                            "Terminate requested in an earlier try of this request; Graph shows it "
                                    + relationship.status()));
                }
            } else {
                left.add(left(relationship, CleanupLeftReason.NOT_AUTOMATED, null, "GDAP relationship '"
                        + relationship.displayName() + "' is " + relationship.status() + "; only an active "
                        + "relationship can be terminated: end it in Partner Center (a created one can be deleted)"));
            }
        }
        return new GdapPlan(toTerminate, new CleanupReport(done, left));
    }

    /** A terminate request Graph accepted (or refused as not active), and the relationship as read after it. */
    CleanupReport terminated(GdapRelationship after, String requestId, Instant at, boolean accepted) {
        String answer = accepted ? "Graph accepted the terminate request" : "Graph answered that it is no longer "
                + "active";
        if (after.ending()) {
            return new CleanupReport(List.of(taken(after, requestId, at, answer + "; it shows it " + after.status())),
                    List.of());
        }
        return new CleanupReport(List.of(taken(after, requestId, at, answer + ", yet it shows it "
                + after.status())), List.of(left(after, CleanupLeftReason.NOT_CONFIRMED, null, "GDAP relationship '"
                + after.displayName() + "' still shows " + after.status() + " after the terminate request; check it "
                + "in Partner Center")));
    }

    /** A terminate request Graph accepted whose relationship could not be read back. */
    CleanupReport unconfirmed(GdapRelationship relationship, String requestId, Instant at, String why) {
        return new CleanupReport(List.of(taken(relationship, requestId, at, "Graph accepted the terminate "
                + "request; its status could not be read back: " + why)), List.of());
    }

    /** Graph could not be asked (down, throttling past the retries, refusing the app): the access is left. */
    CleanupReport unavailable(GdapRelationship relationship, String code, String why) {
        if (relationship == null) {
            return new CleanupReport(List.of(), List.of(new CleanupReport.Left(CleanupLeftReason.GRAPH_UNAVAILABLE,
                    CleanupActionKind.TERMINATE_GDAP, null, null, null, null, code, "Microsoft Graph could not be "
                            + "asked for the partner's GDAP relationships with the customer (" + why + "); any "
                            + "active one is still active: terminate it in Partner Center, or send the request "
                            + "again")));
        }
        return new CleanupReport(List.of(), List.of(left(relationship, CleanupLeftReason.GRAPH_UNAVAILABLE, code,
                "GDAP relationship '" + relationship.displayName() + "' is still " + relationship.status()
                        + ": Microsoft Graph did not take the terminate request (" + why + ")")));
    }

    /** A preview: every active relationship would be terminated after the removal. */
    CleanupReport preview(List<GdapRelationship> listed) {
        GdapPlan plan = plan(listed, List.of());
        List<CleanupReport.Taken> planned = plan.toTerminate().stream().map(r -> new CleanupReport.Taken(
                CleanupActionKind.TERMINATE_GDAP, CleanupResult.PLANNED, r.id(), r.displayName(), null, null, null,
                null, "After the removal, a clean-up would terminate this GDAP relationship")).toList();
        return new CleanupReport(planned, plan.known().left());
    }

    private static CleanupReport.Taken taken(GdapRelationship relationship, String requestId, Instant at,
            String detail) {
        return new CleanupReport.Taken(CleanupActionKind.TERMINATE_GDAP, CleanupResult.DONE, relationship.id(),
                relationship.displayName(), null, requestId, at, null, detail);
    }

    private static CleanupReport.Left left(GdapRelationship relationship, CleanupLeftReason reason, String code,
            String message) {
        return new CleanupReport.Left(reason, CleanupActionKind.TERMINATE_GDAP, relationship.id(),
                relationship.displayName(), null, relationship.endDateTime(), code, message);
    }
}
