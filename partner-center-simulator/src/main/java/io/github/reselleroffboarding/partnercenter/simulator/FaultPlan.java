package io.github.reselleroffboarding.partnercenter.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Faults injected into {@code /v1} calls, decided by a seeded random so a run can be repeated.
 *
 * @param latencyMillis added to every answer
 * @param jitterMillis latency varies uniformly within plus or minus this
 * @param errorRate share of calls answered with one of {@code errorStatuses} (0..1)
 * @param errorStatuses statuses an injected error uses, e.g. 500 and 503
 * @param timeoutRate share of calls never answered (0..1)
 * @param rateLimitPerSecond partner-wide calls per second; beyond it, 429 (0 = no limit)
 * @param retryAfterHeader whether a 429 carries {@code Retry-After}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FaultPlan(long latencyMillis, long jitterMillis, double errorRate, List<Integer> errorStatuses,
        double timeoutRate, double rateLimitPerSecond, boolean retryAfterHeader) {

    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, List.of(500, 503), 0, 0, true);

    public FaultPlan {
        if (latencyMillis < 0 || jitterMillis < 0 || jitterMillis > latencyMillis) {
            throw new IllegalArgumentException("need latency >= 0 and 0 <= jitter <= latency, were " + latencyMillis
                    + " and " + jitterMillis);
        }
        requireShare(errorRate, "errorRate");
        requireShare(timeoutRate, "timeoutRate");
        errorStatuses = errorStatuses == null || errorStatuses.isEmpty() ? List.of(500, 503)
                : List.copyOf(errorStatuses);
        errorStatuses.forEach(s -> {
            if (s < 400 || s > 599) {
                throw new IllegalArgumentException("errorStatuses must be 4xx or 5xx, was " + s);
            }
        });
        if (rateLimitPerSecond < 0) {
            throw new IllegalArgumentException("rateLimitPerSecond must be 0 (none) or positive");
        }
    }

    public FaultPlan withLatency(long millis, long jitter) {
        return new FaultPlan(millis, jitter, errorRate, errorStatuses, timeoutRate, rateLimitPerSecond,
                retryAfterHeader);
    }

    public FaultPlan withErrorRate(double rate) {
        return new FaultPlan(latencyMillis, jitterMillis, rate, errorStatuses, timeoutRate, rateLimitPerSecond,
                retryAfterHeader);
    }

    public FaultPlan withTimeoutRate(double rate) {
        return new FaultPlan(latencyMillis, jitterMillis, errorRate, errorStatuses, rate, rateLimitPerSecond,
                retryAfterHeader);
    }

    public FaultPlan withRateLimit(double perSecond, boolean sendRetryAfter) {
        return new FaultPlan(latencyMillis, jitterMillis, errorRate, errorStatuses, timeoutRate, perSecond,
                sendRetryAfter);
    }

    private static void requireShare(double value, String name) {
        if (value < 0 || value > 1 || Double.isNaN(value)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
