package io.github.reselleroffboarding.partnercenter;

/**
 * The customer is unknown to this partner: 404, or 403 with code {@code 20002} ("no relationship between caller
 * and account"), which is also what every call answers once the reseller relationship is gone.
 */
public final class CustomerNotFoundException extends PartnerCenterException {

    private static final long serialVersionUID = 1L;

    CustomerNotFoundException(Operation operation, int httpStatus, String errorCode, String msRequestId,
            String message) {
        super(operation, httpStatus, errorCode, msRequestId, message, null);
    }
}
