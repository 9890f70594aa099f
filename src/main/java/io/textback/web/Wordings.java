package io.textback.web;

/**
 * One wording per kind of mistake, whichever endpoint it is made at. A missing field is
 * {@link io.textback.system.InvalidInput#REQUIRED} and a bad phone number
 * {@link io.textback.system.PhoneNumbers#NOT_A_PHONE_NUMBER}, wherever they come from.
 */
final class Wordings {

    private Wordings() {
    }

    static String notATimeZone(String value) {
        return "'" + value + "' is not a time zone such as America/New_York";
    }

    static String notATime(String value) {
        return "'" + value + "' is not a time such as 09:00";
    }

    static String notADate(String value) {
        return "'" + value + "' is not a date such as 2026-12-25";
    }
}
