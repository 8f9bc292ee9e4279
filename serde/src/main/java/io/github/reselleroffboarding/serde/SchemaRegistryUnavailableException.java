package io.github.reselleroffboarding.serde;

/**
 * No registry URL answered (connection refused, timeout, HTTP 5xx). Transient: the same call may succeed later,
 * so a consumer must not dead-letter a record because of it.
 */
public final class SchemaRegistryUnavailableException extends SchemaRegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
