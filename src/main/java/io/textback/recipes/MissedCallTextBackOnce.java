package io.textback.recipes;

/**
 * The recommended recipe, {@code bpmn/missed-call-text-back-once.bpmn}: one text per caller,
 * 20 minutes after their first missed call, and none once the caller is reached or texts first.
 */
public final class MissedCallTextBackOnce {

    public static final String KEY = "missed-call-text-back-once";

    public enum Element {
        MissedCall, TagCaller, FirstCallInWindow, AlreadyHandled, WaitBeforeTexting, WaitTime, CallAnswered,
        QuietHoursNow, HoldUntilQuietHoursEnd, QuietHoursPassed, TextReceived, CallerReached, CallerTexted,
        TextBackStillOn, TextBackSwitchedOff, SendText, TextSent;

        public String id() {
            return name();
        }
    }

    private MissedCallTextBackOnce() {
    }
}
