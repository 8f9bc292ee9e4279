package io.github.reselleroffboarding.consumer.rules;

import io.github.reselleroffboarding.events.CleanupActionKind;
import io.github.reselleroffboarding.events.ProductFamily;
import io.github.reselleroffboarding.partnercenter.model.AzureEntitlement;
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
     * @param subscription the subscription as read; its ETag goes into {@code If-Match}; for an Azure
     *     subscription's cancellation, the Azure plan it is under
     * @param recordedRequestId the {@code MS-RequestId} recorded for it before a restart, when this is that write
     *     sent again (the subscription still shows the recorded ETag, so the first copy did not apply; an Azure
     *     subscription is still active, and Partner Center takes the same {@code MS-RequestId} as a copy); null for
     *     a new write
     * @param azure the Azure subscription to cancel, under the plan {@code subscription}; null for a subscription
     *     write
     */
    public record Write(Subscription subscription, ProductFamily family, CleanupActionKind action,
            String recordedRequestId, AzureEntitlement azure) {

        public Write {
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(action, "action");
        }

        /** A write to a subscription itself. */
        public Write(Subscription subscription, ProductFamily family, CleanupActionKind action,
                String recordedRequestId) {
            this(subscription, family, action, recordedRequestId, null);
        }

        /** What the write is to: the subscription, or the Azure subscription under the plan. */
        public String resourceId() {
            return azure == null ? subscription.id() : azure.subscriptionId();
        }

        public String resourceName() {
            return azure == null ? subscription.displayName() : azure.friendlyName();
        }

        /** The ETag recorded with the intent: none for an Azure subscription, which has no ETag. */
        public String etag() {
            return azure == null ? subscription.etag() : null;
        }

        /** A write not recorded yet: its intent must be committed before it is sent. */
        public boolean needsRecording() {
            return recordedRequestId == null;
        }
    }
}
