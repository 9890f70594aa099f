package io.textback.hours;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** When a business is open, and how the next opening reads in a text. */
class BusinessHoursTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    final BusinessHours weekdays = BusinessHours.weekdaysNineToFive(NEW_YORK);

    @Test
    void opensAtNineAndClosesAtFiveLocalTime() {
        // Monday 2026-01-12: New York is UTC-5.
        assertThat(weekdays.isOpen(Instant.parse("2026-01-12T13:59:59Z"))).isFalse();
        assertThat(weekdays.isOpen(Instant.parse("2026-01-12T14:00:00Z"))).isTrue();
        assertThat(weekdays.isOpen(Instant.parse("2026-01-12T21:59:59Z"))).isTrue();
        assertThat(weekdays.isOpen(Instant.parse("2026-01-12T22:00:00Z"))).isFalse();
    }

    @Test
    void nextOpeningReadsAsACallerWouldSayIt() {
        assertThat(weekdays.opensAtText(Instant.parse("2026-01-12T15:00:00Z"))).isEmpty();
        assertThat(weekdays.opensAtText(Instant.parse("2026-01-12T12:00:00Z"))).isEqualTo("today at 9:00 AM");
        assertThat(weekdays.opensAtText(Instant.parse("2026-01-12T23:00:00Z"))).isEqualTo("tomorrow at 9:00 AM");
        assertThat(weekdays.opensAtText(Instant.parse("2026-01-16T23:00:00Z"))).isEqualTo("Monday at 9:00 AM");
    }

    @Test
    void closedDaysAreSkippedAndALongClosureNamesTheDate() {
        var closed = new TreeSet<LocalDate>();
        for (LocalDate d = LocalDate.parse("2026-12-21"); d.isBefore(LocalDate.parse("2027-01-04")); d = d.plusDays(1)) {
            closed.add(d);
        }
        var holidays = new BusinessHours(NEW_YORK, weekdays.week(), closed, true);

        assertThat(holidays.isOpen(Instant.parse("2026-12-22T15:00:00Z"))).isFalse();
        assertThat(holidays.nextOpening(Instant.parse("2026-12-22T15:00:00Z")).orElseThrow().toInstant())
                .isEqualTo(Instant.parse("2027-01-04T14:00:00Z"));
        assertThat(holidays.opensAtText(Instant.parse("2026-12-22T15:00:00Z"))).isEqualTo("Monday, January 4 at 9:00 AM");
    }

    @Test
    void anOpeningAcrossTheStartOfSummerTimeKeepsItsLocalHour() {
        // 2026-03-08: New York moves to UTC-4, so Monday's 9:00 is 13:00 UTC.
        assertThat(weekdays.nextOpening(Instant.parse("2026-03-06T23:00:00Z")).orElseThrow().toInstant())
                .isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    }

    @Test
    void aBusinessThatNeverOpensHasNoNextOpening() {
        var never = new BusinessHours(NEW_YORK, Map.<DayOfWeek, BusinessHours.Opening>of(), new TreeSet<>(), true);

        assertThat(never.isOpen(Instant.parse("2026-01-12T15:00:00Z"))).isFalse();
        assertThat(never.nextOpening(Instant.parse("2026-01-12T15:00:00Z"))).isEmpty();
        assertThat(never.opensAtText(Instant.parse("2026-01-12T15:00:00Z"))).isEmpty();
    }
}
