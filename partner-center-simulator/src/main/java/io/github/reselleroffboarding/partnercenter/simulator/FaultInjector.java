package io.github.reselleroffboarding.partnercenter.simulator;

import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Decides, call by call, what goes wrong: a pending {@link FailNext} first, then the partner-wide rate limit
 * (a token bucket holding one second of calls), then random timeouts and errors, plus latency with jitter.
 * Seeded, so the same seed and the same sequence of calls give the same faults.
 */
final class FaultInjector {

    enum Kind { PASS, ERROR, NO_ANSWER, ANSWER_LOST, CONNECTION_CLOSED, THROTTLED }

    record Decision(Kind kind, int status, int retryAfterSeconds, long latencyMillis) {
    }

    private FaultPlan plan;
    private Random random;
    private int failNextRemaining;
    private FailNext failNext;
    private double bucketTokens;
    private long bucketRefilledAtNanos;
    private final LongSupplier nanoTime;

    FaultInjector(FaultPlan plan, long seed) {
        this(plan, seed, System::nanoTime);
    }

    /** @param nanoTime the clock the rate limit refills by; a test moves it by hand */
    FaultInjector(FaultPlan plan, long seed, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        reset(plan, seed);
    }

    synchronized void reset(FaultPlan newPlan, long seed) {
        this.random = new Random(seed);
        this.failNextRemaining = 0;
        this.failNext = null;
        plan(newPlan);
    }

    synchronized void plan(FaultPlan newPlan) {
        this.plan = newPlan;
        this.bucketTokens = newPlan.rateLimitPerSecond();
        this.bucketRefilledAtNanos = nanoTime.getAsLong();
    }

    synchronized FaultPlan plan() {
        return plan;
    }

    synchronized void failNext(FailNext next) {
        this.failNext = next;
        this.failNextRemaining = next.count();
    }

    /** The decision for a {@code method} call about {@code customerId} (null for calls about no customer). */
    synchronized Decision decide(String customerId, String method) {
        long latency = plan.latencyMillis();
        if (plan.jitterMillis() > 0) {
            latency += Math.round((random.nextDouble() * 2 - 1) * plan.jitterMillis());
        }
        if (failNextRemaining > 0 && (failNext.customerId() == null
                || failNext.customerId().equalsIgnoreCase(customerId))
                && (failNext.method() == null || failNext.method().equalsIgnoreCase(method))) {
            failNextRemaining--;
            Kind kind = failNext.closeConnection() ? Kind.CONNECTION_CLOSED
                    : failNext.status() == 0 ? (failNext.workDone() ? Kind.ANSWER_LOST : Kind.NO_ANSWER)
                    : failNext.status() == 429 ? Kind.THROTTLED : Kind.ERROR;
            return new Decision(kind, failNext.status(), failNext.retryAfterSeconds(), latency);
        }
        if (plan.rateLimitPerSecond() > 0) {
            long now = nanoTime.getAsLong();
            double rate = plan.rateLimitPerSecond();
            bucketTokens = Math.min(rate, bucketTokens + (now - bucketRefilledAtNanos) / 1e9 * rate);
            bucketRefilledAtNanos = now;
            if (bucketTokens < 1) {
                int retryAfter = (int) Math.max(1, Math.ceil((1 - bucketTokens) / rate));
                return new Decision(Kind.THROTTLED, 429, plan.retryAfterHeader() ? retryAfter : -1, latency);
            }
            bucketTokens -= 1;
        }
        double roll = random.nextDouble();
        if (roll < plan.timeoutRate()) {
            return new Decision(Kind.NO_ANSWER, 0, -1, latency);
        }
        if (roll < plan.timeoutRate() + plan.errorRate()) {
            int status = plan.errorStatuses().get(random.nextInt(plan.errorStatuses().size()));
            return new Decision(Kind.ERROR, status, -1, latency);
        }
        return new Decision(Kind.PASS, 200, -1, latency);
    }
}
