package io.github.reselleroffboarding.partnercenter.simulator;

import java.util.Map;

/**
 * What the simulator has seen since start or the last reset.
 *
 * @param calls per endpoint ({@code "GET /v1/customers/{id}/subscriptions"}), per status, the number of calls
 * @param patchesByCustomer removal PATCHes that reached the customer (after auth and injected faults)
 * @param removalsByCustomer PATCHes that actually ended a relationship (never more than one per customer)
 * @param tokensIssued access tokens issued by the token endpoint
 * @param maxConcurrentCalls the most {@code /v1} calls in progress at one moment: how much a client overlaps
 * @param writesByCustomer per customer, per action ({@code suspend}, {@code cancel}, {@code auto-renew-off},
 *     {@code other}), the subscription PATCHes that reached it (after auth and injected faults), applied or not
 * @param appliedWritesByCustomer the same, counting only the writes that changed a subscription
 * @param gdapTerminateRequestsByCustomer Graph terminate requests for a customer's GDAP relationships that reached
 *     the simulator (after auth and injected faults), accepted or not
 */
public record Counters(Map<String, Map<Integer, Long>> calls, Map<String, Long> patchesByCustomer,
        Map<String, Long> removalsByCustomer, long tokensIssued, int maxConcurrentCalls,
        Map<String, Map<String, Long>> writesByCustomer, Map<String, Map<String, Long>> appliedWritesByCustomer,
        Map<String, Long> gdapTerminateRequestsByCustomer) {

    public Counters {
        gdapTerminateRequestsByCustomer = gdapTerminateRequestsByCustomer == null ? Map.of()
                : gdapTerminateRequestsByCustomer;
        writesByCustomer = writesByCustomer == null ? Map.of() : writesByCustomer;
        appliedWritesByCustomer = appliedWritesByCustomer == null ? Map.of() : appliedWritesByCustomer;
    }

    /** Subscription writes of every kind that reached one customer. */
    public long writes(String customer) {
        return writesByCustomer.getOrDefault(customer, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Subscription writes of one action that reached one customer. */
    public long writes(String customer, String action) {
        return writesByCustomer.getOrDefault(customer, Map.of()).getOrDefault(action, 0L);
    }

    /** Subscription writes of one action that changed a subscription of one customer. */
    public long appliedWrites(String customer, String action) {
        return appliedWritesByCustomer.getOrDefault(customer, Map.of()).getOrDefault(action, 0L);
    }

    /** Graph terminate requests for one customer's GDAP relationships. */
    public long gdapTerminateRequests(String customer) {
        return gdapTerminateRequestsByCustomer.getOrDefault(customer, 0L);
    }

    /** Subscription writes of every kind, every customer. */
    public long totalWrites() {
        return writesByCustomer.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue)
                .sum();
    }

    /** Calls to one endpoint with one status. */
    public long calls(String endpoint, int status) {
        return calls.getOrDefault(endpoint, Map.of()).getOrDefault(status, 0L);
    }

    /** Calls to one endpoint, any status. */
    public long calls(String endpoint) {
        return calls.getOrDefault(endpoint, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Every {@code /v1} call answered with this status. */
    public long callsWithStatus(int status) {
        return calls.entrySet().stream().filter(e -> e.getKey().contains(" /v1/"))
                .mapToLong(e -> e.getValue().getOrDefault(status, 0L)).sum();
    }

    public long totalApiCalls() {
        return calls.entrySet().stream().filter(e -> e.getKey().contains(" /v1/"))
                .flatMap(e -> e.getValue().values().stream()).mapToLong(Long::longValue).sum();
    }
}
