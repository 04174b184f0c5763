package dev.accessconsole.domain.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The periods a spend limit counts over, in UTC: a day, an ISO week (from Monday) or a calendar month. */
public enum SpendPeriod {
    DAILY, WEEKLY, MONTHLY;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SpendPeriod> fromValue(String value) {
        return Arrays.stream(values()).filter(p -> p.value().equals(value)).findFirst();
    }

    /** The first day of the period holding {@code at}. */
    public LocalDate start(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return switch (this) {
            case DAILY -> day;
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
        };
    }

    /** When the period holding {@code at} ends and spend counts from zero again. */
    public Instant resetsAt(Instant at) {
        LocalDate start = start(at);
        LocalDate next = switch (this) {
            case DAILY -> start.plusDays(1);
            case WEEKLY -> start.plusWeeks(1);
            case MONTHLY -> start.plusMonths(1);
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
