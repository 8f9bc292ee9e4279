package io.github.reselleroffboarding.schemaregistry;

/**
 * An answer other than success, in Confluent's terms: the HTTP status and the {@code error_code} that clients of
 * the Schema Registry API branch on. Expected control flow, so it carries no stack trace.
 */
final class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    private RegistryException(int httpStatus, int errorCode, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    int httpStatus() {
        return httpStatus;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(int version) {
        return new RegistryException(404, 40402, "Version " + version + " not found.");
    }

    static RegistryException schemaNotFound() {
        return new RegistryException(404, 40403, "Schema not found");
    }

    static RegistryException schemaNotFound(int id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found");
    }

    static RegistryException subjectCompatibilityNotConfigured(String subject) {
        return new RegistryException(404, 40408,
                "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    /** Confluent answers HTTP 409; the body code was 409 for years (40901 only in the newest servers). */
    static RegistryException incompatible(String details) {
        return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema "
                + "for subject; details: " + details);
    }

    static RegistryException invalidSchema(String details) {
        return new RegistryException(422, 42201, "Invalid schema: " + details);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(422, 42202, "The specified version '" + version + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel() {
        return new RegistryException(422, 42203, "Invalid compatibility level. Valid values are none, backward, "
                + "forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryException badRequest(String details) {
        return new RegistryException(400, 400, details);
    }

    static RegistryException unauthorized() {
        return new RegistryException(401, 401, "Unauthorized");
    }

    static RegistryException noSuchResource() {
        return new RegistryException(404, 404, "HTTP 404 Not Found");
    }

    static RegistryException methodNotAllowed() {
        return new RegistryException(405, 405, "HTTP 405 Method Not Allowed");
    }

    static RegistryException unsupportedMediaType() {
        return new RegistryException(415, 415, "HTTP 415 Unsupported Media Type");
    }
}
