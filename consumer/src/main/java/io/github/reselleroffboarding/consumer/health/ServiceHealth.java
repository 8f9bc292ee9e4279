package io.github.reselleroffboarding.consumer.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Liveness, readiness and counters, written by the engine and read by the health endpoint. Live: the engine
 * loop turned recently (or is restarting). Ready: started, and neither paused by an auth failure nor restarting.
 */
public final class ServiceHealth {

    private final Clock clock;
    private final AtomicLong lastLoopMillis = new AtomicLong();
    private final AtomicReference<String> notReady = new AtomicReference<>("starting");
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger assignedPartitions = new AtomicInteger();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public ServiceHealth(Clock clock) {
        this.clock = clock;
        lastLoopMillis.set(clock.millis());
    }

    public void loopTurned() {
        lastLoopMillis.set(clock.millis());
    }

    public void ready() {
        notReady.set(null);
    }

    public void notReady(String reason) {
        notReady.set(reason);
        loopTurned();
    }

    public boolean isReady() {
        return notReady.get() == null;
    }

    /** Why not ready, or empty when ready. */
    public String notReadyReason() {
        String reason = notReady.get();
        return reason == null ? "" : reason;
    }

    public boolean isLive(Duration allowedSilence) {
        return clock.millis() - lastLoopMillis.get() <= allowedSilence.toMillis();
    }

    public void count(String name, long amount) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(amount);
    }

    public long counter(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    public void inFlight(int value) {
        inFlight.set(value);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public void assignedPartitions(int value) {
        assignedPartitions.set(value);
    }

    public int assignedPartitions() {
        return assignedPartitions.get();
    }

    public Map<String, Long> counters() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }
}
