package dev.accessconsole.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The periods a spend limit counts over roll over at UTC midnight, on ISO Mondays and on the first of the month; amounts are whole cents. */
class SpendPeriodTest {

    @Test
    void whenTheUtcDayEndsThenADailyLimitCountsFromZero() {
        Instant lastMicro = Instant.parse("2026-12-06T23:59:59.999999Z");
        assertThat(SpendPeriod.DAILY.start(lastMicro)).isEqualTo(LocalDate.parse("2026-12-06"));
        assertThat(SpendPeriod.DAILY.resetsAt(lastMicro)).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(SpendPeriod.DAILY.start(Instant.parse("2026-12-07T00:00:00Z"))).isEqualTo(LocalDate.parse("2026-12-07"));
    }

    @Test
    void whenAnIsoWeekEndsOnSundayThenAWeeklyLimitCountsFromMonday() {
        // 2026-12-06 is a Sunday: its week began on Monday 2026-11-30 and ends at Monday 2026-12-07 00:00 UTC
        assertThat(SpendPeriod.WEEKLY.start(Instant.parse("2026-12-06T12:00:00Z"))).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(SpendPeriod.WEEKLY.resetsAt(Instant.parse("2026-12-06T12:00:00Z"))).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(SpendPeriod.WEEKLY.start(Instant.parse("2026-12-07T00:00:00Z"))).isEqualTo(LocalDate.parse("2026-12-07"));
        // across a year boundary
        assertThat(SpendPeriod.WEEKLY.start(Instant.parse("2027-01-01T08:00:00Z"))).isEqualTo(LocalDate.parse("2026-12-28"));
    }

    @Test
    void whenAMonthEndsThenAMonthlyLimitCountsFromTheFirst() {
        assertThat(SpendPeriod.MONTHLY.start(Instant.parse("2026-02-28T23:00:00Z"))).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(SpendPeriod.MONTHLY.resetsAt(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void whenAnAmountHasMoreThanTwoDecimalsOrASignThenItIsRefusedNotRounded() {
        assertThat(Money.parseCents("1", "amount")).isEqualTo(100);
        assertThat(Money.parseCents("1.5", "amount")).isEqualTo(150);
        assertThat(Money.parseCents("0.01", "amount")).isEqualTo(1);
        assertThat(Money.parseCents("1000000000.00", "amount")).isEqualTo(100_000_000_000L);
        for (String bad : new String[]{"1.001", "-1", "+1", "1e3", "", " 1", "1,00", "1000000000.01", "NaN"}) {
            assertThatThrownBy(() -> Money.parseCents(bad, "amount")).as(bad).isInstanceOf(DomainException.class)
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("invalid_amount");
        }
        assertThat(Money.format(123L)).isEqualTo("1.23");
        assertThat(Money.format(new java.math.BigDecimal("119.995"))).isEqualTo("1.20");
        assertThat(Money.format((Long) null)).isNull();
    }
}
