package io.github.reselleroffboarding.partnercenter;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Spaces calls evenly at no more than {@code perSecond}, so a backlog turns into a steady stream inside
 * Partner Center's limit instead of a burst answered by a storm of 429s. Non-blocking: a caller that must wait
 * gets a delayed {@link Mono}, no thread sleeps.
 */
final class RateLimiter {

    private static final RateLimiter UNLIMITED = new RateLimiter(0, System::nanoTime, Schedulers.parallel());

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Scheduler scheduler;
    private final AtomicLong nextFreeSlot = new AtomicLong(Long.MIN_VALUE);

    RateLimiter(double perSecond, LongSupplier nanoClock, Scheduler scheduler) {
        this.intervalNanos = perSecond <= 0 ? 0 : Math.max(1, Math.round(1_000_000_000d / perSecond));
        this.nanoClock = nanoClock;
        this.scheduler = scheduler;
    }

    static RateLimiter perSecond(double perSecond) {
        return perSecond <= 0 ? UNLIMITED : new RateLimiter(perSecond, System::nanoTime, Schedulers.parallel());
    }

    /** Completes when the caller may make one call. */
    Mono<Void> acquire() {
        if (intervalNanos == 0) {
            return Mono.empty();
        }
        long wait = reserve();
        return wait <= 0 ? Mono.empty() : Mono.delay(Duration.ofNanos(wait), scheduler).then();
    }

    /** Takes the next free slot and returns how long until it starts. */
    private long reserve() {
        while (true) {
            long now = nanoClock.getAsLong();
            long free = nextFreeSlot.get();
            long slot = free == Long.MIN_VALUE || free - now < 0 ? now : free;
            if (nextFreeSlot.compareAndSet(free, slot + intervalNanos)) {
                return slot - now;
            }
        }
    }
}
