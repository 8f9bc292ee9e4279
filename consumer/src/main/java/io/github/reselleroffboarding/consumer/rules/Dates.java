package io.github.reselleroffboarding.consumer.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Dates as a blocker's message states them: a day, and how far away it is. */
final class Dates {

    private Dates() {
    }

    static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /** {@code "2026-12-08 (in 7 days)"}, {@code "2026-11-30 (1 day ago)"}, {@code "2026-12-01 (today)"}. */
    static String dayAndDistance(Instant at, Instant now) {
        long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(now, ZoneOffset.UTC),
                LocalDate.ofInstant(at, ZoneOffset.UTC));
        String distance = days == 0 ? "today" : days > 0 ? "in " + days + (days == 1 ? " day" : " days")
                : -days + (days == -1 ? " day ago" : " days ago");
        return day(at) + " (" + distance + ")";
    }
}
