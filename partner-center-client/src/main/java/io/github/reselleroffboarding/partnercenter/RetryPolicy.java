package io.github.reselleroffboarding.partnercenter;

import java.time.Duration;
import java.util.Objects;

/**
 * How a call is retried after a transient failure (timeout, connection error, 408, 429, 5xx): exponential
 * backoff from {@code initialBackoff}, doubling up to {@code maxBackoff}, each delay shortened by a random share
 * up to {@code jitter} so clients do not retry in step; {@code Retry-After} from a 429 replaces the computed
 * delay. The budget is whichever ends first: {@code maxAttempts} attempts or {@code maxElapsed} since the first.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter,
        Duration maxElapsed) {

    /** 6 attempts, 200 ms doubling to 10 s, 50 % jitter, within 60 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(10), 0.5, Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff, were " + initialBackoff
                    + " and " + maxBackoff);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /** No retries: one attempt. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
    }

    /** The delay before attempt {@code attempt + 1}, given {@code random} in [0, 1). */
    Duration backoff(int attempt, double random) {
        long base = initialBackoff.toMillis();
        long exponential = attempt >= 31 ? Long.MAX_VALUE : base * (1L << Math.max(0, attempt - 1));
        long capped = Math.min(exponential < 0 ? Long.MAX_VALUE : exponential, maxBackoff.toMillis());
        return Duration.ofMillis(Math.round(capped * (1 - jitter * random)));
    }
}
