package io.github.reselleroffboarding.partnercenter;

import java.time.Duration;

/**
 * The exception the client raises for a given Partner Center answer, for code that must react to each kind
 * (and for its tests, which then need no HTTP to produce one).
 */
public final class PartnerCenterErrors {

    private PartnerCenterErrors() {
    }

    /**
     * What a call of {@code operation} answered with {@code httpStatus}, Partner Center error {@code code}
     * (or null) and {@code description} raises.
     */
    public static PartnerCenterException forAnswer(Operation operation, int httpStatus, String code,
            String description) {
        return ResponseClassifier.classify(operation, httpStatus, code, description, null, null);
    }

    /** The same, for an answer that carried {@code Retry-After} (a 429 or 503). */
    public static PartnerCenterException forAnswer(Operation operation, int httpStatus, String code,
            String description, Duration retryAfter) {
        return ResponseClassifier.classify(operation, httpStatus, code, description, null, retryAfter);
    }
}
