package io.github.reselleroffboarding.partnercenter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Retries a call after {@link PartnerCenterTransientException}s only, waiting {@code Retry-After} when Partner
 * Center gave one and the policy's jittered exponential backoff otherwise, until the attempts or the time budget
 * run out. Any other failure passes through at once.
 */
final class Retries {

    private Retries() {
    }

    static <T> Mono<T> apply(Mono<T> call, Operation operation, RetryPolicy policy, Clock clock) {
        return apply(call, operation, policy, clock, failure -> true, failure -> { });
    }

    /** @param retryable which transient failures may be retried here; the others pass through at once */
    /** @param onRetry told of each failure about to be tried again */
    static <T> Mono<T> apply(Mono<T> call, Operation operation, RetryPolicy policy, Clock clock,
            java.util.function.Predicate<PartnerCenterTransientException> retryable,
            java.util.function.Consumer<PartnerCenterTransientException> onRetry) {
        return Mono.defer(() -> {
            Instant started = clock.instant();
            return call.retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
                if (!(signal.failure() instanceof PartnerCenterTransientException failure)
                        || !retryable.test(failure)) {
                    return Mono.error(signal.failure());
                }
                int attempts = (int) signal.totalRetries() + 1;
                Duration elapsed = Duration.between(started, clock.instant());
                Duration delay = failure.retryAfter()
                        .orElseGet(() -> policy.backoff(attempts, ThreadLocalRandom.current().nextDouble()));
                if (attempts >= policy.maxAttempts() || elapsed.plus(delay).compareTo(policy.maxElapsed()) > 0) {
                    return Mono.error(failure.givenUp(attempts, elapsed));
                }
                onRetry.accept(failure);
                return Mono.delay(delay).thenReturn(attempts);
            })));
        });
    }
}
