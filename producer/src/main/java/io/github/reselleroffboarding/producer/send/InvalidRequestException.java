package io.github.reselleroffboarding.producer.send;

/** A request that must not be published, and why. */
public final class InvalidRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidRequestException(String message) {
        super(message, null, false, false);
    }
}
