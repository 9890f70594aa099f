package io.textback.recipes;

/**
 * {@code bpmn/missed-call-text-back-hours.bpmn}: the account's own message in business hours, and an
 * after-hours message saying when the business opens again otherwise.
 */
public final class MissedCallTextBackHours {

    public static final String KEY = "missed-call-text-back-hours";

    public enum Element {
        MissedCall, TextBackEnabled, TextBackDisabled, CheckBusinessHours, OpenNow, SendDayText, DayTextSent,
        SendAfterHoursText, AfterHoursTextSent;

        public String id() {
            return name();
        }
    }

    private MissedCallTextBackHours() {
    }
}
