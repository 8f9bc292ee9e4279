package io.github.reselleroffboarding.consumer.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Requests waiting to run again, each until its own time. Kept on the engine thread and read with the injected
 * ticker, so a test can move time instead of waiting for it.
 */
final class RetryQueue {

    private record Due(long atNanos, long sequence, Work work) {
    }

    private final Ticker ticker;
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.atNanos != b.atNanos
            ? Long.compare(a.atNanos - b.atNanos, 0) : Long.compare(a.sequence, b.sequence));
    private long sequence;

    RetryQueue(Ticker ticker) {
        this.ticker = ticker;
    }

    void schedule(Work work, Duration delay) {
        queue.add(new Due(ticker.nanos() + delay.toNanos(), sequence++, work));
    }

    /** Takes out every request whose time has come, earliest first. */
    List<Work> due() {
        long now = ticker.nanos();
        List<Work> due = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().atNanos - now <= 0) {
            due.add(queue.poll().work);
        }
        return due;
    }

    void removeAll(Collection<Work> works) {
        queue.removeIf(due -> works.contains(due.work));
    }

    int size() {
        return queue.size();
    }
}
