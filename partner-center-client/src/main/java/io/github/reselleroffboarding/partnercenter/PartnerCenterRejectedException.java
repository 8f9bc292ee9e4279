package io.github.reselleroffboarding.partnercenter;

/** Partner Center refused this request for good (400, 409, 405, ...): its code and description say why. */
public final class PartnerCenterRejectedException extends PartnerCenterException {

    private static final long serialVersionUID = 1L;

    private final String description;

    PartnerCenterRejectedException(Operation operation, int httpStatus, String errorCode, String msRequestId,
            String description) {
        super(operation, httpStatus, errorCode, msRequestId, description, null);
        this.description = description;
    }

    /** Partner Center's {@code description}. */
    public String description() {
        return description;
    }
}
