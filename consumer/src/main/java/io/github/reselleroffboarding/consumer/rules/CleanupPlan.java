package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.partnercenter.model.Subscription;
import java.util.List;
import java.util.Objects;

/** The writes a clean-up sends for one request, in order, and what it leaves and why. */
public record CleanupPlan(List<Write> writes, List<CleanupReport.Left> left) {

    public static final CleanupPlan NOTHING = new CleanupPlan(List.of(), List.of());

    public CleanupPlan {
        writes = List.copyOf(writes);
        left = List.copyOf(left);
    }

    /**
     * One write to send.
     *
     * @param subscription the subscription as read; its ETag goes into {@code If-Match}
     * @param recordedRequestId the {@code MS-RequestId} recorded for it before a restart, when this is that write
     *     sent again (the subscription still shows the recorded ETag, so the first copy did not apply); null for a
     *     new write
     */
    public record Write(Subscription subscription, ProductFamily family, CleanupActionKind action,
            String recordedRequestId) {

        public Write {
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(action, "action");
        }

        /** A write not recorded yet: its intent must be committed before it is sent. */
        public boolean needsRecording() {
            return recordedRequestId == null;
        }
    }
}
