package io.github.reselleroffboarding.settings;

import java.util.Objects;
import java.util.Optional;

/**
 * One setting, declared once: its environment variable name, how its text is parsed and checked, its default,
 * what it means, and whether it is a secret (never logged, never echoed in an error).
 *
 * @param defaultText the default as text, parsed like any other value; empty when there is none
 * @param defaultDoc how the README describes the default when it is not a plain value (e.g. "host name")
 */
public record Setting<T>(String name, Parser<T> parser, Optional<String> defaultText, String defaultDoc,
        String doc, boolean secret) {

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(doc, "doc");
        if (!name.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("setting names are upper-case environment variable names: " + name);
        }
        defaultDoc = defaultDoc != null ? defaultDoc : defaultText.map(d -> "`" + d + "`").orElse("(none)");
    }

    /** A setting with a plain default. */
    public static <T> Setting<T> of(String name, Parser<T> parser, String defaultText, String doc) {
        return new Setting<>(name, parser, Optional.of(defaultText), null, doc, false);
    }

    /** A setting without a default; {@code defaultDoc} says what happens when it is not set. */
    public static <T> Setting<T> optional(String name, Parser<T> parser, String defaultDoc, String doc) {
        return new Setting<>(name, parser, Optional.empty(), defaultDoc, doc, false);
    }

    /** A secret without a default: never logged, its value never in an error message. */
    public static Setting<String> secret(String name, String defaultDoc, String doc) {
        return new Setting<>(name, Parsers.text(), Optional.empty(), defaultDoc, doc, true);
    }

    /** Parses {@code text} as this setting's value; a bad value fails naming the setting. */
    public T parse(String text) {
        try {
            return parser.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(name, secret ? "not a valid value" : e.getMessage());
        }
    }
}
