package io.github.reselleroffboarding.partnercenter.simulator;

import java.util.Locale;
import java.util.Optional;

/** How property names are written in responses. Partner Center's own examples mix the two. */
public enum Casing {
    /** Everything camelCase. */
    CAMEL,
    /** Everything PascalCase, as the .NET SDK serialises. */
    PASCAL,
    /** As the doc examples: GETs camelCase, the removal PATCH's answer PascalCase. */
    DOCS;

    public static Optional<Casing> forName(String name) {
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
