package dev.accessconsole.domain.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current instant at the precision the database keeps, so what a response shows is what a re-read shows. */
public final class Time {

    private Time() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
