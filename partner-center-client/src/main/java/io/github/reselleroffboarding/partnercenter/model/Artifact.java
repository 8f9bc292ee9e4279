package io.github.reselleroffboarding.partnercenter.model;

import java.util.Map;

/**
 * Something an entitlement grants. For reserved instances {@code artifactType} is {@code reservedinstance} and
 * {@code dynamicAttributes.reservationType} says what kind ({@code virtualmachines}, {@code sqldatabases}).
 */
public record Artifact(String artifactType, Map<String, Object> dynamicAttributes, String resourceId) {

    public Artifact {
        dynamicAttributes = dynamicAttributes == null ? Map.of() : Attributes.copy(dynamicAttributes);
    }
}
