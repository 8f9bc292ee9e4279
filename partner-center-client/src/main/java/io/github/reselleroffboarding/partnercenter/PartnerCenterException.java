package io.github.reselleroffboarding.partnercenter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Partner Center call that did not succeed, typed by what the caller must do:
 * <ul>
 *   <li>{@link PartnerCenterTransientException}: retry later (timeouts, connection errors, 408, 429, 5xx);</li>
 *   <li>{@link PartnerCenterAuthException}: stop and alert (401 after a token refresh, 403 other than 20002,
 *       a rejected refresh token) — retrying will not help until someone fixes credentials or permissions;</li>
 *   <li>{@link CustomerNotFoundException}: the customer is unknown to this partner (404, or 403 {@code 20002});</li>
 *   <li>{@link PartnerCenterRejectedException}: Partner Center refused this request (400, 409, ...), with its
 *       code and description.</li>
 * </ul>
 * Messages never contain credentials.
 */
public abstract sealed class PartnerCenterException extends RuntimeException
        permits PartnerCenterTransientException, PartnerCenterAuthException, CustomerNotFoundException,
        PartnerCenterRejectedException {

    private static final long serialVersionUID = 1L;

    private final Operation operation;
    private final int httpStatus;
    private final String errorCode;
    private final String msRequestId;

    PartnerCenterException(Operation operation, int httpStatus, String errorCode, String msRequestId,
            String message, Throwable cause) {
        super(operation.id() + ": " + message + details(httpStatus, errorCode, msRequestId), cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.msRequestId = msRequestId;
    }

    private static String details(int httpStatus, String errorCode, String msRequestId) {
        List<String> details = new ArrayList<>();
        if (httpStatus > 0) {
            details.add("HTTP " + httpStatus);
        }
        if (errorCode != null) {
            details.add("code " + errorCode);
        }
        if (msRequestId != null) {
            details.add("MS-RequestId " + msRequestId);
        }
        return details.isEmpty() ? "" : " (" + String.join(", ", details) + ")";
    }

    public Operation operation() {
        return operation;
    }

    /** The HTTP status, or 0 when there was no response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Partner Center's error {@code code} (a number or a string on the wire), when the body had one. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /**
     * Partner Center answered, so a call sent again is a new call and needs a new {@code MS-RequestId}: any 4xx
     * but 408, and a 5xx carrying Partner Center's error body. Not after a timeout, a connection failure, a 408,
     * or a bare 5xx from a gateway, after which Partner Center may still be working on the call.
     */
    public boolean definiteAnswer() {
        if (httpStatus == 0 || httpStatus == 408) {
            return false;
        }
        return httpStatus < 500 || errorCode != null;
    }

    public Optional<String> msRequestId() {
        return Optional.ofNullable(msRequestId);
    }
}
