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
 */
public record Counters(Map<String, Map<Integer, Long>> calls, Map<String, Long> patchesByCustomer,
        Map<String, Long> removalsByCustomer, long tokensIssued, int maxConcurrentCalls) {

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
