package io.github.reselleroffboarding.settings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parsers settings are declared with; each checks its value and says what is wrong. */
public final class Parsers {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private Parsers() {
    }

    public static Parser<String> text() {
        return text -> text;
    }

    /** A Kafka topic name. */
    public static Parser<String> topic() {
        return text -> {
            if (!TOPIC.matcher(text).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a valid topic name");
            }
            return text;
        };
    }

    /** An http or https URL with a host. */
    public static Parser<URI> httpUrl() {
        return text -> {
            try {
                URI uri = URI.create(text);
                if (uri.getScheme() != null && uri.getScheme().matches("(?i)https?") && uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException e) {
                // answered below, without the parser's own wording
            }
            throw new IllegalArgumentException("must be an http(s) URL");
        };
    }

    public static Parser<Integer> intBetween(int min, int max) {
        return text -> {
            int parsed;
            try {
                parsed = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number (was '" + text + "')", e);
            }
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + " (was " + text + ")");
            }
            return parsed;
        };
    }

    /** 0 or a positive number. */
    public static Parser<Double> nonNegativeDecimal() {
        return text -> {
            double parsed;
            try {
                parsed = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number (was '" + text + "')", e);
            }
            if (parsed < 0 || Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                throw new IllegalArgumentException("must be 0 (off) or positive (was " + text + ")");
            }
            return parsed;
        };
    }

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}), at least {@code minimum}. */
    public static Parser<Duration> duration(Duration minimum) {
        return text -> atLeast(minimum, text, parseDuration(text));
    }

    /** Like {@link #duration}, and a bare number is milliseconds (for settings named {@code *_MS}). */
    public static Parser<Duration> millis(Duration minimum) {
        return text -> atLeast(minimum, text, text.matches("\\d+") ? Duration.ofMillis(Long.parseLong(text))
                : parseDuration(text));
    }

    public static Parser<Path> path() {
        return Path::of;
    }

    /** {@code true} or {@code false}, ignoring case. */
    public static Parser<Boolean> bool() {
        return choice(Boolean::valueOf, "true", "false");
    }

    /** One of {@code choices}, ignoring case; mapped by {@code mapping}. */
    public static <T> Parser<T> choice(Function<String, T> mapping, String... choices) {
        List<String> allowed = Arrays.asList(choices);
        return text -> {
            String lower = text.toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower)) {
                throw new IllegalArgumentException("must be " + orList(allowed) + " (was '" + text + "')");
            }
            return mapping.apply(lower);
        };
    }

    /** A comma-separated, non-empty list, each entry parsed by {@code entry}. */
    public static <T> Parser<List<T>> commaList(Parser<T> entry, String emptyProblem) {
        return text -> {
            List<T> values = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                if (!part.isBlank()) {
                    values.add(entry.parse(part.strip()));
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException(emptyProblem);
            }
            return List.copyOf(values);
        };
    }

    private static Duration parseDuration(String text) {
        Matcher m = SHORT_DURATION.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be a duration such as 30s, 5m or PT30S (was '" + text + "')", e);
        }
    }

    private static Duration atLeast(Duration minimum, String text, Duration parsed) {
        if (parsed.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("must be at least " + minimum + " (was " + text + ")");
        }
        return parsed;
    }

    private static String orList(List<String> choices) {
        if (choices.size() == 1) {
            return choices.get(0);
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    }
}
