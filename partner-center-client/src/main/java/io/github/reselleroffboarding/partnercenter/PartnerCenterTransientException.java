package io.github.reselleroffboarding.partnercenter;

import java.time.Duration;
import java.util.Optional;

/** Try again later: the call timed out, the connection failed, or Partner Center answered 408, 429 or 5xx. */
public final class PartnerCenterTransientException extends PartnerCenterException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;
    private final int attempts;
    private final String reason;

    PartnerCenterTransientException(Operation operation, int httpStatus, String errorCode, String msRequestId,
            String message, Duration retryAfter, int attempts, Throwable cause) {
        super(operation, httpStatus, errorCode, msRequestId, message, cause);
        this.retryAfter = retryAfter;
        this.attempts = attempts;
        this.reason = message;
    }

    /** How long Partner Center asked us to wait ({@code Retry-After} on a 429), when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Attempts made before giving up (1 when it is a single attempt's failure). */
    public int attempts() {
        return attempts;
    }

    PartnerCenterTransientException givenUp(int attemptsMade, Duration elapsed) {
        return new PartnerCenterTransientException(operation(), httpStatus(), errorCode().orElse(null),
                msRequestId().orElse(null), "gave up after " + attemptsMade + " attempt" + (attemptsMade == 1 ? ""
                        : "s") + " in " + elapsed.toMillis() + " ms; last failure: " + reason, retryAfter,
                attemptsMade, this);
    }
}
