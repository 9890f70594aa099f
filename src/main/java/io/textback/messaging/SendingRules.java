package io.textback.messaging;

import java.time.LocalTime;

/**
 * An account's rules for whether and when a text goes out: a monthly limit (null = none), a line-type
 * check before texting a new number, and quiet hours in the caller's local time. {@code timeZone} is
 * for numbers that span several zones; null means the zone of the account's default number.
 */
public record SendingRules(Integer monthlyLimit, boolean lineTypeCheck, boolean quietHours, LocalTime quietFrom,
                           LocalTime quietUntil, String timeZone) {

    public static final LocalTime DEFAULT_QUIET_FROM = LocalTime.of(21, 0);
    public static final LocalTime DEFAULT_QUIET_UNTIL = LocalTime.of(8, 0);

    public static SendingRules defaults() {
        return new SendingRules(null, false, false, DEFAULT_QUIET_FROM, DEFAULT_QUIET_UNTIL, null);
    }
}
