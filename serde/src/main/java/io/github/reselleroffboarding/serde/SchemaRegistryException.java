package io.github.reselleroffboarding.serde;

/** A Schema Registry call failed. The subclass says whether trying again later can help. */
public abstract sealed class SchemaRegistryException extends RuntimeException
        permits SchemaRegistryUnavailableException, SchemaRegistryRejectedException {

    private static final long serialVersionUID = 1L;

    SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
