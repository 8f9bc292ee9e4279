package io.github.reselleroffboarding.producer;

import io.github.reselleroffboarding.settings.Parser;
import io.github.reselleroffboarding.settings.Parsers;
import java.time.Duration;
import picocli.CommandLine;

/** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT10S}): what the consumer's settings take. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Parser<Duration> DURATION = Parsers.duration(Duration.ZERO);

    @Override
    public Duration convert(String value) {
        try {
            return DURATION.parse(value.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (e.g. 500ms, 10s, 2m)");
        }
    }
}
