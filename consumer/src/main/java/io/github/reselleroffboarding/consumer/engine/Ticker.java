package io.github.reselleroffboarding.consumer.engine;

/** Monotonic time in nanoseconds, for intervals and deadlines; injected so tests can move it by hand. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
