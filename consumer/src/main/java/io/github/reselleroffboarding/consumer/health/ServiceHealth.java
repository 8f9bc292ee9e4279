package io.github.reselleroffboarding.consumer.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Liveness, readiness and what the engine holds, written by the engine each turn and read by the health
 * endpoint and the gauges. Live: the engine loop turned recently (or is restarting). Ready: started, and neither
 * paused by an auth failure nor restarting.
 */
public final class ServiceHealth {

    /** What holds consumption back for every tenant. */
    public enum Pause {
        AUTH("auth"),
        OUTAGE("outage"),
        REGISTRY("registry");

        private final String label;

        Pause(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Clock clock;
    private final AtomicLong lastLoopMillis = new AtomicLong();
    private final AtomicReference<String> notReady = new AtomicReference<>("starting");
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger assignedPartitions = new AtomicInteger();
    private final AtomicInteger pausedPartitions = new AtomicInteger();
    private final AtomicReference<Pause> pause = new AtomicReference<>();

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

    /**
     * What the engine holds after a turn.
     *
     * @param inFlight requests being processed
     * @param waiting requests admitted but not started (behind their tenant, or for room under the cap)
     * @param pausedPartitions assigned partitions not fetched
     * @param pause what holds consumption back for everyone, or null
     */
    public void engineState(int inFlight, int waiting, int pausedPartitions, Pause pause) {
        this.inFlight.set(inFlight);
        this.waiting.set(waiting);
        this.pausedPartitions.set(pausedPartitions);
        this.pause.set(pause);
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

    public int waiting() {
        return waiting.get();
    }

    public int pausedPartitions() {
        return pausedPartitions.get();
    }

    public Optional<Pause> pause() {
        return Optional.ofNullable(pause.get());
    }
}
