package io.github.reselleroffboarding.partnercenter.model;

/** The subscription writes that clear a blocker. */
public enum SubscriptionChange {
    /** {@code status: suspended}: enough for a legacy subscription; an Azure plan once nothing under it is active. */
    SUSPEND,
    /** {@code status: deleted}: cancels a new-commerce or marketplace subscription inside its cancellation window. */
    CANCEL,
    /** {@code autoRenewEnabled: false}: the term ends and the subscription expires. */
    AUTO_RENEW_OFF
}
