package io.github.reselleroffboarding.consumer.app;

/** The service cannot start as configured; the message says what to fix. */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
