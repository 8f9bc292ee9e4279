package io.github.reselleroffboarding.partnercenter.simulator;

/**
 * A one-shot switch: the next {@code count} {@code /v1} calls fail this way, whatever the {@link FaultPlan} says.
 *
 * @param status HTTP status to answer, or 0 for no answer at all (a timeout)
 * @param retryAfterSeconds {@code Retry-After} on a 429 (or 503); negative for none
 * @param customerId only calls for this customer count and fail; null for every call
 * @param method only calls with this HTTP method ({@code PATCH}: the removal) count and fail; null for any
 * @param workDone with no answer ({@code status} 0): whether the call is carried out before the answer is lost,
 *     as when a response is lost on the way back
 * @param closeConnection with no answer: the connection is closed at once instead of held silent, as a server
 *     does when it closes a kept-alive connection just as a request arrives on it
 */
public record FailNext(int count, int status, int retryAfterSeconds, String customerId, String method,
        boolean workDone, boolean closeConnection) {

    public FailNext(int count, int status, int retryAfterSeconds) {
        this(count, status, retryAfterSeconds, null, null, false, false);
    }

    public FailNext(int count, int status, int retryAfterSeconds, String customerId, String method,
            boolean workDone) {
        this(count, status, retryAfterSeconds, customerId, method, workDone, false);
    }

    public FailNext {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        if (status != 0 && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be 0 (no answer) or 4xx/5xx, was " + status);
        }
        if (closeConnection && (status != 0 || workDone)) {
            throw new IllegalArgumentException("a closed connection gives no answer and does no work");
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
        return new FailNext(count, status, retryAfterSeconds, id.toLowerCase(java.util.Locale.ROOT), method,
                workDone, closeConnection);
    }

    /** The same switch, limited to calls with one HTTP method, e.g. {@code PATCH} for the removal only. */
    public FailNext onlyFor(String httpMethod) {
        return new FailNext(count, status, retryAfterSeconds, customerId, httpMethod, workDone, closeConnection);
    }

    public static FailNext noAnswer(int count) {
        return new FailNext(count, 0, -1);
    }

    /** The next {@code count} calls find their connection closed by the server, before any answer or work. */
    public static FailNext connectionClosed(int count) {
        return new FailNext(count, 0, -1, null, null, false, true);
    }

    /** The next {@code count} calls are carried out, and their answers lost: the caller sees a timeout. */
    public static FailNext answerLost(int count) {
        return new FailNext(count, 0, -1, null, null, true);
    }
}
