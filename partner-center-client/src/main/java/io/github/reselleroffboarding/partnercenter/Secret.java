package io.github.reselleroffboarding.partnercenter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (client secret, refresh token, access token). Its {@code toString} never shows the value, so a
 * secret that ends up in a log line, an exception message or a settings dump shows as {@code ***}.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new Secret(value);
    }

    /** The value itself: only for the one place that must send it. */
    public String reveal() {
        return value;
    }

    /** Whether {@code text} contains this secret, so a message can be checked or scrubbed before it is shown. */
    public boolean appearsIn(String text) {
        return text != null && text.contains(value);
    }

    /** {@code text} with every occurrence of this secret replaced by {@code ***}. */
    public String scrub(String text) {
        return text == null ? null : text.replace(value, "***");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "***";
    }
}
