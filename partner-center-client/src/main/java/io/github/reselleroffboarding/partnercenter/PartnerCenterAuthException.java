package io.github.reselleroffboarding.partnercenter;

/**
 * Stop and alert: Partner Center or the token authority refused our identity or permissions (401 after a
 * refresh, 403 other than {@code 20002}, a refresh token that is no longer valid). No request will succeed until
 * the credentials or the app's permissions are fixed.
 */
public final class PartnerCenterAuthException extends PartnerCenterException {

    private static final long serialVersionUID = 1L;

    PartnerCenterAuthException(Operation operation, int httpStatus, String errorCode, String msRequestId,
            String message) {
        super(operation, httpStatus, errorCode, msRequestId, message, null);
    }
}
