package io.github.reselleroffboarding.bench.contender;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A contender's Partner Center calls that got no HTTP answer (a refused, reset or closed connection), counted by
 * the client into the contender's registry. A try the client sent again at once on a fresh connection, because
 * the server closed the pooled one under it, is what the client is built to absorb and is counted apart; any
 * other is a connection error, and the bench holds every contender to the service's rule: a run with one is not
 * sound. Peers print the count when they stop.
 */
public final class ConnectionErrors {

    /** The line a peer prints: {@value} followed by the errors and the tries re-sent. */
    public static final String LINE = "connection errors:";

    private static final String CALLS = "offboarding.partner_center.requests";
    private static final String RETRIES = "offboarding.partner_center.retries";

    private ConnectionErrors() {
    }

    /**
     * @param failed tries with no HTTP answer that were not sent again at once; -1 when unknown
     * @param resent tries sent again at once on a fresh connection; -1 when unknown
     */
    public record Count(long failed, long resent) {

        public static final Count NONE = new Count(0, 0);
        public static final Count UNKNOWN = new Count(-1, -1);

        public static Count of(MeterRegistry registry) {
            long noAnswer = registry.find(CALLS).tag("status", "transport").timers().stream()
                    .mapToLong(Timer::count).sum();
            long resent = Math.round(registry.find(RETRIES).tag("reason", "stale_connection").counters().stream()
                    .mapToDouble(Counter::count).sum());
            return of(noAnswer, resent);
        }

        /**
         * From the client's two counts: tries that got no HTTP answer, and tries sent again at once on a fresh
         * connection (each of which follows one try without an answer).
         */
        public static Count of(long triesWithoutAnswer, long resent) {
            return new Count(triesWithoutAnswer - resent, resent);
        }

        /** The count a peer printed in {@code output}, or {@link #UNKNOWN} when it printed none. */
        public static Count parse(String output) {
            return output.lines().filter(l -> l.startsWith(LINE)).findFirst().map(l -> {
                String[] numbers = l.substring(LINE.length()).strip().split(" re-sent: ", -1);
                return numbers.length == 2 ? new Count(Long.parseLong(numbers[0].strip()),
                        Long.parseLong(numbers[1].strip())) : UNKNOWN;
            }).orElse(UNKNOWN);
        }

        public String line() {
            return LINE + " " + failed + " re-sent: " + resent;
        }
    }
}
