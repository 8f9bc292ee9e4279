package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.events.CleanupLeftReason;
import io.github.reselleroffboarding.events.CleanupResult;
import io.github.reselleroffboarding.events.ProductFamily;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a clean-up did for one request and what it left: the audit trail every outcome carries. For a preview,
 * the actions it would take ({@link CleanupResult#PLANNED}).
 */
public record CleanupReport(List<Taken> taken, List<Left> left) {

    public static final CleanupReport NONE = new CleanupReport(List.of(), List.of());

    public CleanupReport {
        taken = List.copyOf(taken);
        left = List.copyOf(left);
    }

    /**
     * One write: what, on which subscription, and what Partner Center answered.
     *
     * @param msRequestId the {@code MS-RequestId} it carried; null for a planned action
     * @param at when Partner Center answered; null for a planned action
     * @param errorCode Partner Center's code for a refusal
     */
    public record Taken(CleanupActionKind action, CleanupResult outcome, String resourceId, String resourceName,
            ProductFamily family, String msRequestId, Instant at, String errorCode, String detail) {

        public Taken {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * Something the clean-up did not clear.
     *
     * @param action what would clear it, where an action exists
     * @param endsAt when it ends by itself, if it does
     */
    public record Left(CleanupLeftReason reason, CleanupActionKind action, String resourceId, String resourceName,
            ProductFamily family, Instant endsAt, String errorCode, String message) {

        public Left {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** This report followed by {@code more}. */
    public CleanupReport plus(CleanupReport more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Taken> allTaken = new java.util.ArrayList<>(taken);
        allTaken.addAll(more.taken);
        List<Left> allLeft = new java.util.ArrayList<>(left);
        allLeft.addAll(more.left);
        return new CleanupReport(allTaken, allLeft);
    }

    public boolean isEmpty() {
        return taken.isEmpty() && left.isEmpty();
    }
}
