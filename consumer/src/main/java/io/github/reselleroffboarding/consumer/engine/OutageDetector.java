package io.github.reselleroffboarding.consumer.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a Partner Center outage from one tenant's trouble, by the requests that ended lately: an outage is when
 * at least {@value #MIN_FAILURES} of them, for at least {@value #MIN_TENANTS} different tenants, failed transiently
 * (timeouts, refused connections, 5xx, 429) within {@link #WINDOW}, and they were at least {@value #MIN_SHARE} of
 * all that ended then. One tenant failing while others succeed is never an outage; its retry budget decides.
 */
final class OutageDetector {

    static final int MIN_FAILURES = 10;
    static final int MIN_TENANTS = 3;
    static final double MIN_SHARE = 0.8;
    static final Duration WINDOW = Duration.ofSeconds(30);
    /** Results kept: enough for the share to mean something, few enough to follow a change quickly. */
    static final int KEPT = 50;

    private record Result(long atNanos, String tenant, boolean failed) {
    }

    private final Ticker ticker;
    private final Deque<Result> recent = new ArrayDeque<>();

    OutageDetector(Ticker ticker) {
        this.ticker = ticker;
    }

    void succeeded(String tenant) {
        add(new Result(ticker.nanos(), tenant, false));
    }

    void failedTransiently(String tenant) {
        add(new Result(ticker.nanos(), tenant, true));
    }

    /** Why Partner Center looks down for everyone, when it does. */
    Optional<String> outage() {
        expire();
        int failed = 0;
        Set<String> tenants = new HashSet<>();
        for (Result result : recent) {
            if (result.failed()) {
                failed++;
                tenants.add(result.tenant());
            }
        }
        if (failed < MIN_FAILURES || tenants.size() < MIN_TENANTS || failed < MIN_SHARE * recent.size()) {
            return Optional.empty();
        }
        return Optional.of(failed + " of the last " + recent.size() + " requests, for " + tenants.size()
                + " tenants, failed transiently within " + WINDOW.toSeconds() + " s");
    }

    /** Partner Center answered again: what came before says nothing about now. */
    void reset() {
        recent.clear();
    }

    private void add(Result result) {
        recent.addLast(result);
        while (recent.size() > KEPT) {
            recent.removeFirst();
        }
    }

    private void expire() {
        long oldest = ticker.nanos() - WINDOW.toNanos();
        while (!recent.isEmpty() && recent.peekFirst().atNanos() - oldest < 0) {
            recent.removeFirst();
        }
    }
}
