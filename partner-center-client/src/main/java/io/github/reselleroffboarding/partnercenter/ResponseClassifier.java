package io.github.reselleroffboarding.partnercenter;

import java.util.Optional;

/** Turns a non-2xx response into the exception that tells the caller what to do. */
final class ResponseClassifier {

    /** Partner Center's code for "no relationship between caller and account". */
    static final String NO_RELATIONSHIP = "20002";
    /**
     * 403 codes that say our identity lacks the right ("access denied", "role lacks rights"): on any call they
     * mean no customer will succeed. Other 403 codes on the removal concern that partner-customer pair
     * (offer, country, program status) and refuse only that request.
     */
    static final java.util.Set<String> ACCESS_DENIED = java.util.Set.of("2032", "900150", "400", "800001");
    /** 404 codes that say the customer (not one of its resources) is unknown. */
    static final java.util.Set<String> CUSTOMER_NOT_FOUND = java.util.Set.of("1000", "60003");
    private static final int MAX_DESCRIPTION = 500;

    private final PartnerCenterJson json;

    ResponseClassifier(PartnerCenterJson json) {
        this.json = json;
    }

    PartnerCenterException classify(Operation operation, RawResponse raw, String msRequestId) {
        int status = raw.status();
        Optional<PartnerCenterJson.ApiError> error = json.readError(raw.body());
        String code = error.flatMap(PartnerCenterJson.ApiError::codeText).orElse(null);
        String description = error.flatMap(PartnerCenterJson.ApiError::text).map(ResponseClassifier::shorten)
                .orElse(defaultDescription(status));
        return classify(operation, status, code, description, msRequestId, Transport.retryAfter(raw).orElse(null));
    }

    static PartnerCenterException classify(Operation operation, int status, String code, String description,
            String msRequestId, java.time.Duration retryAfter) {
        if (status == 408 || status == 429 || (status >= 500 && status != 501)) {
            return new PartnerCenterTransientException(operation, status, code, msRequestId, description,
                    retryAfter, 1, null);
        }
        if (status == 401) {
            return new PartnerCenterAuthException(operation, status, code, msRequestId,
                    "Partner Center refused the access token even after a refresh: " + description);
        }
        if (status == 403 && NO_RELATIONSHIP.equals(code)) {
            return new CustomerNotFoundException(operation, status, code, msRequestId, description);
        }
        if (status == 403 && writesForOneCustomer(operation) && code != null && !ACCESS_DENIED.contains(code)) {
            // the reads for this customer just succeeded with the same identity: a refusal of this customer
            return new PartnerCenterRejectedException(operation, status, code, msRequestId, description);
        }
        if (status == 404 && (operation == Operation.GET_SUBSCRIPTION || operation == Operation.UPDATE_SUBSCRIPTION
                || operation == Operation.CANCEL_AZURE_SUBSCRIPTION) && (code == null
                || !CUSTOMER_NOT_FOUND.contains(code))) {
            // the subscription is not found (20003, 800111), not the customer
            return new PartnerCenterRejectedException(operation, status, code, msRequestId, description);
        }
        if (status == 403) {
            return new PartnerCenterAuthException(operation, status, code, msRequestId,
                    "Partner Center denied access: " + description);
        }
        if (status == 404) {
            return new CustomerNotFoundException(operation, status, code, msRequestId, description);
        }
        return new PartnerCenterRejectedException(operation, status, code, msRequestId, description);
    }

    private static boolean writesForOneCustomer(Operation operation) {
        return operation == Operation.REMOVE_RELATIONSHIP || operation == Operation.UPDATE_SUBSCRIPTION
                || operation == Operation.CANCEL_AZURE_SUBSCRIPTION;
    }

    private static String defaultDescription(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 408 -> "request timeout";
            case 429 -> "too many requests";
            default -> "HTTP " + status;
        };
    }

    private static String shorten(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > MAX_DESCRIPTION ? line.substring(0, MAX_DESCRIPTION) + "..." : line;
    }
}
