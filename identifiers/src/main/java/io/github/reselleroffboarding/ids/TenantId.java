package io.github.reselleroffboarding.ids;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Microsoft Entra tenant id in canonical form: a GUID written as 36 lower-case characters.
 *
 * <p>Every tenant id that reaches a Kafka key or a Partner Center URL goes through {@link #parse}, so nothing a
 * request event contains can change a path or a host, and {@code 6F1C...} and {@code 6f1c...} are one tenant.
 */
public record TenantId(String value) {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String NIL = "00000000-0000-0000-0000-000000000000";
    private static final int MAX_ECHO = 64;

    /** Use {@link #parse}; the canonical constructor only accepts a value that is already canonical. */
    public TenantId {
        Objects.requireNonNull(value, "value");
        if (!isCanonical(value)) {
            throw new IllegalArgumentException(describeInvalid(value));
        }
    }

    /**
     * Parses a GUID in any letter case, surrounding whitespace ignored.
     *
     * @throws IllegalArgumentException naming the bad value (shortened) when it is not a GUID, or is the nil GUID
     */
    public static TenantId parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("tenant id is missing");
        }
        String stripped = raw.strip();
        String canonical = stripped.toLowerCase(Locale.ROOT);
        if (!isCanonical(canonical)) {
            throw new IllegalArgumentException(describeInvalid(stripped));
        }
        return new TenantId(canonical);
    }

    /** The tenant id, or empty when {@code raw} is not a GUID. */
    public static Optional<TenantId> tryParse(String raw) {
        try {
            return Optional.of(parse(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isCanonical(String value) {
        return GUID.matcher(value).matches() && !NIL.equals(value);
    }

    private static String describeInvalid(String value) {
        if (NIL.equalsIgnoreCase(value)) {
            return "tenant id is the nil GUID " + NIL;
        }
        String shown = value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "..." : value;
        return "tenant id '" + printable(shown) + "' is not a GUID (expected 8-4-4-4-12 hex digits, "
                + "e.g. 6f1c5a53-3c9b-4c0e-9a55-0d3a0d1c1a11)";
    }

    /** Control characters from a hostile value must not forge extra log lines. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
