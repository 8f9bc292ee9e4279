package io.github.reselleroffboarding.partnercenter.simulator;

import java.util.Map;

/**
 * A request the simulator received, for tests and debugging: method, path with query, and the headers a
 * Partner Center client is expected to send. The bearer token itself is not kept, only its scheme.
 */
public record RecordedRequest(String method, String uri, Map<String, String> headers) {

    static final java.util.List<String> KEPT_HEADERS = java.util.List.of("MS-RequestId", "MS-CorrelationId",
            "MS-Contract-Version", "Accept", "X-Locale", "Content-Type", "MS-ContinuationToken", "If-Match",
            "MS-PartnerCenter-Application", "Content-Length", "Transfer-Encoding");

    public String header(String name) {
        return headers.get(name);
    }
}
