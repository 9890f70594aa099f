package io.textback.hours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * When a business is open: one opening per weekday in its own time zone (a weekday without one is
 * closed), and whole dates it is closed. {@code configured} is false for the default schedule of an
 * account that never saved its own.
 */
public record BusinessHours(ZoneId zone, Map<DayOfWeek, Opening> week, SortedSet<LocalDate> closedDays,
                            boolean configured) {

    public static final LocalTime DEFAULT_OPENS = LocalTime.of(9, 0);
    public static final LocalTime DEFAULT_CLOSES = LocalTime.of(17, 0);

    // A year of closed dates and every weekday closed is the furthest an opening can be.
    private static final int DAYS_TO_SEARCH = 366 + 7;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEEE", Locale.US);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US);

    /** Open from {@code opens} (inclusive) to {@code closes} (exclusive), on the same day. */
    public record Opening(LocalTime opens, LocalTime closes) {
    }

    public BusinessHours {
        week = Map.copyOf(week);
        closedDays = Collections.unmodifiableSortedSet(new TreeSet<>(closedDays));
    }

    /** Monday to Friday, 9:00 to 17:00, in the given zone. */
    public static BusinessHours weekdaysNineToFive(ZoneId zone) {
        var week = new EnumMap<DayOfWeek, Opening>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                week.put(day, new Opening(DEFAULT_OPENS, DEFAULT_CLOSES));
            }
        }
        return new BusinessHours(zone, week, new TreeSet<>(), false);
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (closedDays.contains(local.toLocalDate())) {
            return false;
        }
        Opening opening = week.get(local.getDayOfWeek());
        LocalTime time = local.toLocalTime();
        return opening != null && !time.isBefore(opening.opens()) && time.isBefore(opening.closes());
    }

    /** The next moment the business opens after {@code at}; empty if it is never open. */
    public Optional<ZonedDateTime> nextOpening(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        for (int d = 0; d <= DAYS_TO_SEARCH; d++) {
            LocalDate date = local.toLocalDate().plusDays(d);
            Opening opening = week.get(date.getDayOfWeek());
            if (opening == null || closedDays.contains(date)) {
                continue;
            }
            ZonedDateTime opens = date.atTime(opening.opens()).atZone(zone);
            if (opens.toInstant().isAfter(at)) {
                return Optional.of(opens);
            }
        }
        return Optional.empty();
    }

    /**
     * When the business opens next, as a caller reads it: "today at 9:00 AM", "tomorrow at 9:00 AM",
     * "Monday at 9:00 AM", or "Friday, December 26 at 9:00 AM" a week or more ahead. Empty while open.
     */
    public String opensAtText(Instant at) {
        if (isOpen(at)) {
            return "";
        }
        return nextOpening(at).map(opens -> {
            long days = ChronoUnit.DAYS.between(at.atZone(zone).toLocalDate(), opens.toLocalDate());
            String day = days == 0 ? "today" : days == 1 ? "tomorrow" : days < 7 ? WEEKDAY.format(opens)
                    : DATE.format(opens);
            return day + " at " + TIME.format(opens);
        }).orElse("");
    }
}
