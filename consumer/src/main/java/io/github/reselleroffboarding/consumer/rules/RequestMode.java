package io.github.reselleroffboarding.consumer.rules;

/** What a valid request asks for. */
public enum RequestMode {
    /** End the relationship when nothing blocks; answered RelationshipRemoved or OffboardBlocked. */
    REMOVE,
    /** Every read a removal makes, no write; answered OffboardAssessed. */
    PREVIEW
}
