package io.github.reselleroffboarding.partnercenter.simulator;

/**
 * A one-shot switch: the next {@code count} {@code /v1} calls fail this way, whatever the {@link FaultPlan} says.
 *
 * @param status HTTP status to answer, or 0 for no answer at all (a timeout)
 * @param retryAfterSeconds {@code Retry-After} on a 429 (or 503); negative for none
 * @param customerId only calls for this customer count and fail; null for every call
 */
public record FailNext(int count, int status, int retryAfterSeconds, String customerId) {

    public FailNext(int count, int status, int retryAfterSeconds) {
        this(count, status, retryAfterSeconds, null);
    }

    public FailNext {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be 0 (no answer) or 4xx/5xx, was " + status);
        }
    }

    public static FailNext status(int count, int status) {
        return new FailNext(count, status, -1);
    }

    public static FailNext throttled(int count, int retryAfterSeconds) {
        return new FailNext(count, 429, retryAfterSeconds);
    }

    /** The same switch, limited to calls for one customer. */
    public FailNext forCustomer(String id) {
        return new FailNext(count, status, retryAfterSeconds, id.toLowerCase(java.util.Locale.ROOT));
    }

    public static FailNext noAnswer(int count) {
        return new FailNext(count, 0, -1);
    }
}
