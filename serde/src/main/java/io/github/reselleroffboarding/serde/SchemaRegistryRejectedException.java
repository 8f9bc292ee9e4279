package io.github.reselleroffboarding.serde;

/**
 * The registry answered with an error ({@code 4xx}): unknown schema id or subject, incompatible or invalid
 * schema, bad credentials. Repeating the call will not change the answer.
 */
public final class SchemaRegistryRejectedException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    /** Confluent's error codes the serde branches on. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryRejectedException(int httpStatus, int errorCode, String message) {
        super(message, null);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent's {@code error_code} from the body, or the HTTP status when the body had none. */
    public int errorCode() {
        return errorCode;
    }
}
