package io.github.reselleroffboarding.consumer.engine;

import io.github.reselleroffboarding.consumer.metrics.Tally.DeadLetterCause;
import io.github.reselleroffboarding.consumer.processing.UnconfirmedRemovalException;
import io.github.reselleroffboarding.partnercenter.PartnerCenterAuthException;
import io.github.reselleroffboarding.partnercenter.PartnerCenterException;
import io.github.reselleroffboarding.partnercenter.PartnerCenterTransientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * What to do with a request whose processing failed: retry a transient failure with jittered exponential
 * backoff (never sooner than a {@code Retry-After} Partner Center gave) while its retry budget lasts, then
 * dead-letter it; park it while Partner Center refuses our identity;
 * dead-letter anything else at once.
 */
final class FailurePolicy {

    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    static final Duration MIN_RETRY_DELAY = Duration.ofMillis(100);

    sealed interface Action {
        record Retry(Duration delay) implements Action {
        }

        record DeadLetter(String why, DeadLetterCause cause) implements Action {
        }

        record ParkForAuth(String why) implements Action {
        }
    }

    private final Duration retryBudget;
    private final Clock clock;
    private final RandomGenerator random;

    FailurePolicy(Duration retryBudget, Clock clock, RandomGenerator random) {
        this.retryBudget = retryBudget;
        this.clock = clock;
        this.random = random;
    }

    /** Decides, and records the failure on {@code work} (when it started failing, how often). */
    Action onFailure(Work work, Throwable error) {
        if (error instanceof PartnerCenterAuthException) {
            return new Action.ParkForAuth("Partner Center refused the credentials: " + error.getMessage());
        }
        if (!isTransient(error)) {
            return new Action.DeadLetter("not retryable", DeadLetterCause.NOT_RETRYABLE);
        }
        Instant now = clock.instant();
        if (work.firstFailureAt == null) {
            work.firstFailureAt = now;
        }
        work.failures++;
        Duration failingFor = Duration.between(work.firstFailureAt, now);
        if (failingFor.compareTo(retryBudget) >= 0) {
            return new Action.DeadLetter("retry budget of " + retryBudget + " used up",
                    DeadLetterCause.RETRY_BUDGET_EXHAUSTED);
        }
        Duration delay = delay(work.failures, retryBudget.minus(failingFor));
        // Partner Center said when it will answer again: coming back earlier only spends another attempt
        Duration retryAfter = error instanceof PartnerCenterTransientException throttled
                ? throttled.retryAfter().orElse(Duration.ZERO) : Duration.ZERO;
        return new Action.Retry(retryAfter.compareTo(delay) > 0 ? retryAfter : delay);
    }

    private Duration delay(int failures, Duration remaining) {
        long exponential = 1000L << Math.min(failures - 1, 10);
        long jittered = Math.round(Math.min(exponential, MAX_RETRY_DELAY.toMillis()) * (0.5 + random.nextDouble()
                * 0.5));
        return Duration.ofMillis(Math.max(MIN_RETRY_DELAY.toMillis(), Math.min(jittered, remaining.toMillis())));
    }

    /** Partner Center answered the failed try (so trying again is a new call), rather than leaving it unanswered. */
    static boolean wasAnswered(Throwable error) {
        return error instanceof UnconfirmedRemovalException
                || (error instanceof PartnerCenterException failure && failure.definiteAnswer());
    }

    static boolean isTransient(Throwable error) {
        return error instanceof PartnerCenterTransientException || error instanceof UnconfirmedRemovalException;
    }
}
