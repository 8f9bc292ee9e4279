package io.github.reselleroffboarding.consumer.processing;

/**
 * Partner Center accepted the PATCH but did not answer {@code relationshipToPartner: none}. Treated as
 * transient: the request is evaluated again, which shows whether the relationship is gone.
 */
public final class UnconfirmedRemovalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnconfirmedRemovalException(String message) {
        super(message, null, false, false);
    }
}
