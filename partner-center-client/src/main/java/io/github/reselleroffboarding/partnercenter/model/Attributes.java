package io.github.reselleroffboarding.partnercenter.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Look-ups in {@code dynamicAttributes} maps, whose keys come in whatever casing the response used. */
final class Attributes {

    private Attributes() {
    }

    static Map<String, Object> copy(Map<String, Object> attributes) {
        Map<String, Object> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (k != null) {
                copy.put(k, v);
            }
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    static Optional<String> text(Map<String, Object> attributes, String key) {
        for (Map.Entry<String, Object> entry : attributes.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(key) && entry.getValue() != null) {
                return Optional.of(String.valueOf(entry.getValue()));
            }
        }
        return Optional.empty();
    }
}
