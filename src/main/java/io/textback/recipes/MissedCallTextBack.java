package io.textback.recipes;

/** The built-in recipe, {@code bpmn/missed-call-text-back.bpmn}: a text for every missed call. */
public final class MissedCallTextBack {

    public static final String KEY = "missed-call-text-back";

    public enum Element {
        MissedCall, QuietHoursNow, HoldUntilQuietHoursEnd, QuietHoursPassed, TextBackEnabled, SendText, TextSent,
        TextBackDisabled;

        public String id() {
            return name();
        }
    }

    private MissedCallTextBack() {
    }
}
