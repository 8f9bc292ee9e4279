package io.github.reselleroffboarding.consumer.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The answer to one request, ready to become an outcome event. Built only through the named factories. */
public sealed interface Verdict {

    Instant at();

    /** Who ended the relationship, as far as this service knows. */
    enum RemovedBy {
        /** This request's PATCH ended it, now or before a crash or rebalance. */
        THIS_REQUEST,
        /** An earlier request to this service ended it; no PATCH was sent for this one. */
        THIS_SERVICE_EARLIER
    }

    /** The relationship is gone. */
    record Removed(RemovedBy removedBy, int subscriptionsChecked, int entitlementsChecked,
            List<SubscriptionLeft> remaining, String partnerCenterRequestId, String removedByRequestEventId,
            Instant at) implements Verdict {

        public Removed {
            Objects.requireNonNull(removedBy, "removedBy");
            Objects.requireNonNull(at, "at");
            remaining = List.copyOf(remaining);
        }

        /** No PATCH was sent for this request: the relationship was gone before. */
        public boolean alreadyRemoved() {
            return removedBy == RemovedBy.THIS_SERVICE_EARLIER;
        }

        public boolean removedByThisRequest() {
            return removedBy == RemovedBy.THIS_REQUEST;
        }
    }

    /** The relationship may not end yet; every blocker found is listed. */
    record Blocked(List<Blocker> blockers, Instant at) implements Verdict {

        public Blocked {
            if (blockers.isEmpty()) {
                throw new IllegalArgumentException("a blocked verdict needs at least one blocker");
            }
            blockers = List.copyOf(blockers);
            Objects.requireNonNull(at, "at");
        }
    }

    /** This request's PATCH ended the relationship, after the checks found nothing that blocks. */
    static Removed removedByThisRequest(Decision.Remove evidence, String patchRequestId, String requestEventId,
            Instant at) {
        return new Removed(RemovedBy.THIS_REQUEST, evidence.subscriptionsChecked(), evidence.entitlementsChecked(),
                evidence.remaining(), patchRequestId, requestEventId, at);
    }

    /**
     * This request's PATCH ended the relationship before a crash or rebalance, and its outcome was never
     * committed: what the checks found then is not known any more.
     */
    static Removed removedByThisRequestBeforeARestart(String patchRequestId, String requestEventId, Instant at) {
        return new Removed(RemovedBy.THIS_REQUEST, 0, 0, List.of(), patchRequestId, requestEventId, at);
    }

    /** An earlier request to this service removed the relationship; nothing was sent for this one. */
    static Removed removedEarlier(String byRequestEventId, Instant at) {
        return new Removed(RemovedBy.THIS_SERVICE_EARLIER, 0, 0, List.of(), null, byRequestEventId, at);
    }

    static Blocked blocked(List<Blocker> blockers, Instant at) {
        return new Blocked(blockers, at);
    }
}
