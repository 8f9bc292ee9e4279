package io.github.reselleroffboarding.serde;

import java.util.Objects;
import org.apache.avro.Schema;

/** A schema as the registry knows it under a subject. */
public record RegisteredSchema(int id, int version, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(schema, "schema");
    }
}
