package io.github.reselleroffboarding.consumer.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The answer to one request, ready to become an outcome event. Built only through the named factories. */
public sealed interface Verdict {

    Instant at();

    /** The same answer, carrying what a clean-up did and left (a preview: what it would do). */
    default Verdict withCleanupReport(CleanupReport report) {
        if (report.isEmpty()) {
            return this;
        }
        if (this instanceof Removed removed) {
            return removed.withCleanup(report);
        }
        if (this instanceof Blocked blocked) {
            return blocked.withCleanup(report);
        }
        return ((Assessed) this).withCleanup(report);
    }

    CustomerSnapshot snapshot();

    /** Who ended the relationship, as far as this service can tell. */
    enum RemovedBy {
        /** This request's PATCH ended it, now or before a crash, a rebalance or a timeout. */
        THIS_REQUEST,
        /** An earlier request to this service ended it; no PATCH was sent for this one. */
        THIS_SERVICE_EARLIER,
        /** Partner Center's activity log shows a removal by someone else (the portal, another tool). */
        SOMEONE_ELSE,
        /** It is gone, and who ended it cannot be told (no activity log in this cloud). */
        UNKNOWN
    }

    /** The relationship is gone. */
    record Removed(RemovedBy removedBy, int subscriptionsChecked, int entitlementsChecked,
            List<SubscriptionLeft> remaining, List<Blocker> notices, String partnerCenterRequestId,
            String removedByRequestEventId, String removedByPrincipal, Instant removedByAt, CustomerSnapshot snapshot,
            Instant at, CleanupReport cleanup) implements Verdict {

        public Removed {
            Objects.requireNonNull(removedBy, "removedBy");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(snapshot, "snapshot");
            remaining = List.copyOf(remaining);
            notices = List.copyOf(notices);
            cleanup = cleanup == null ? CleanupReport.NONE : cleanup;
        }

        /** No clean-up was asked for or done. */
        public Removed(RemovedBy removedBy, int subscriptionsChecked, int entitlementsChecked,
                List<SubscriptionLeft> remaining, List<Blocker> notices, String partnerCenterRequestId,
                String removedByRequestEventId, String removedByPrincipal, Instant removedByAt,
                CustomerSnapshot snapshot, Instant at) {
            this(removedBy, subscriptionsChecked, entitlementsChecked, remaining, notices, partnerCenterRequestId,
                    removedByRequestEventId, removedByPrincipal, removedByAt, snapshot, at, CleanupReport.NONE);
        }

        public Removed withCleanup(CleanupReport report) {
            return new Removed(removedBy, subscriptionsChecked, entitlementsChecked, remaining, notices,
                    partnerCenterRequestId, removedByRequestEventId, removedByPrincipal, removedByAt, snapshot, at,
                    report);
        }

        /** No PATCH of this request ended it: it was gone before. */
        public boolean alreadyRemoved() {
            return removedBy != RemovedBy.THIS_REQUEST;
        }

        public boolean removedByThisRequest() {
            return removedBy == RemovedBy.THIS_REQUEST;
        }
    }

    /** The relationship may not end yet; every blocker found is listed. */
    record Blocked(List<Blocker> blockers, CustomerSnapshot snapshot, Instant at, CleanupReport cleanup)
            implements Verdict {

        public Blocked {
            if (blockers.isEmpty()) {
                throw new IllegalArgumentException("a blocked verdict needs at least one blocker");
            }
            blockers = List.copyOf(blockers);
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(at, "at");
            cleanup = cleanup == null ? CleanupReport.NONE : cleanup;
        }

        /** No clean-up was asked for or done. */
        public Blocked(List<Blocker> blockers, CustomerSnapshot snapshot, Instant at) {
            this(blockers, snapshot, at, CleanupReport.NONE);
        }

        public Blocked withCleanup(CleanupReport report) {
            return new Blocked(blockers, snapshot, at, report);
        }
    }

    /**
     * A preview's answer: what would block a removal now, and what matters besides; nothing was written.
     *
     * @param removable a removal now would end the relationship (it exists and nothing blocks)
     * @param alreadyRemoved Partner Center holds no relationship any more
     * @param earliestRemovableAt when every blocker ends by itself; null when one never does without an action
     */
    record Assessed(boolean removable, boolean alreadyRemoved, List<Blocker> blockers, List<Blocker> notices,
            Instant earliestRemovableAt, CustomerSnapshot snapshot, Instant at, CleanupReport cleanup)
            implements Verdict {

        public Assessed {
            blockers = List.copyOf(blockers);
            notices = List.copyOf(notices);
            Objects.requireNonNull(snapshot, "snapshot");
            Objects.requireNonNull(at, "at");
            if (removable && !blockers.isEmpty()) {
                throw new IllegalArgumentException("a removable customer has no blockers");
            }
            cleanup = cleanup == null ? CleanupReport.NONE : cleanup;
        }

        /** No clean-up policy is on: nothing about clean-up to say. */
        public Assessed(boolean removable, boolean alreadyRemoved, List<Blocker> blockers, List<Blocker> notices,
                Instant earliestRemovableAt, CustomerSnapshot snapshot, Instant at) {
            this(removable, alreadyRemoved, blockers, notices, earliestRemovableAt, snapshot, at, CleanupReport.NONE);
        }

        public Assessed withCleanup(CleanupReport report) {
            return new Assessed(removable, alreadyRemoved, blockers, notices, earliestRemovableAt, snapshot, at,
                    report);
        }
    }

    /** This request's PATCH ended the relationship, after the checks found nothing that blocks. */
    static Removed removedByThisRequest(Decision.Remove evidence, String patchRequestId, String requestEventId,
            Instant at) {
        return new Removed(RemovedBy.THIS_REQUEST, evidence.subscriptionsChecked(), evidence.entitlementsChecked(),
                evidence.remaining(), evidence.notices(), patchRequestId, requestEventId, null, at,
                evidence.snapshot(), at);
    }

    /**
     * This request's PATCH ended the relationship before a crash, rebalance or timeout, and its outcome was never
     * committed: what the checks found then is not known any more.
     */
    static Removed removedByThisRequestEarlier(String patchRequestId, String requestEventId, CustomerSnapshot snapshot,
            Instant at) {
        return new Removed(RemovedBy.THIS_REQUEST, 0, 0, List.of(), List.of(), patchRequestId, requestEventId, null,
                null, snapshot, at);
    }

    /** An earlier request to this service removed the relationship; nothing was sent for this one. */
    static Removed removedEarlier(TenantHistory.PriorRemoval prior, CustomerSnapshot snapshot, Instant at) {
        return new Removed(RemovedBy.THIS_SERVICE_EARLIER, 0, 0, List.of(), List.of(), null, prior.requestEventId(),
                null, prior.removedAt(), snapshot, at);
    }

    /** Someone else removed it, as the activity log says (or it is gone and who did it cannot be told). */
    static Removed removedElsewhere(RemovedBy by, String principal, Instant removedAt, CustomerSnapshot snapshot,
            Instant at) {
        return new Removed(by, 0, 0, List.of(), List.of(), null, null, principal, removedAt, snapshot, at);
    }

    static Blocked blocked(List<Blocker> blockers, CustomerSnapshot snapshot, Instant at) {
        return new Blocked(blockers, snapshot, at);
    }
}
