package io.github.reselleroffboarding.partnercenter.simulator;

import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Holds every {@code /v1} call until {@code calls} of them are in progress at once (or {@code atMost} has
 * passed), then lets them all go. A test shows concurrency with it by what a serial client can never reach,
 * whatever the machine's speed: a client that never has that many calls open waits out {@code atMost} on each.
 */
final class CallBarrier {

    private final int calls;
    private final Duration atMost;
    private final Sinks.Empty<Void> open = Sinks.empty();

    CallBarrier(int calls, Duration atMost) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1, was " + calls);
        }
        this.calls = calls;
        this.atMost = atMost;
    }

    /** A call arrives while {@code inProgress} calls (itself included) are open; completes when it may go on. */
    Mono<Void> arrive(int inProgress) {
        if (inProgress >= calls) {
            open.tryEmitEmpty();
        }
        return open.asMono().timeout(atMost, Mono.empty());
    }
}
