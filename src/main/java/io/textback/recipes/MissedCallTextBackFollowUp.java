package io.textback.recipes;

/**
 * {@code bpmn/missed-call-text-back-follow-up.bpmn}: the recommended recipe, then one follow-up text
 * when the caller neither replied nor called within a day, held through the caller's quiet hours and sent in
 * business hours.
 */
public final class MissedCallTextBackFollowUp {

    public static final String KEY = "missed-call-text-back-follow-up";

    public enum Element {
        MissedCall, TagCaller, FirstCallInWindow, AlreadyHandled, WaitBeforeTexting, WaitTime, CallAnswered,
        TextReceived, CallerReached, CallerTexted, TextBackStillOn, TextBackSwitchedOff, SendText,
        WaitForReply, NoReplyTime, FollowUpQuietHoursNow, HoldFollowUpUntilQuietHoursEnd, FollowUpQuietHoursPassed,
        CheckBusinessHours, OpenNow, FollowUpDue, UntilOpen, FollowUpDueAtOpening,
        ReplyCallAnswered, ReplyTextReceived, ReachedAfterText, Replied, CalledAgain, CalledAgainEnd, SendFollowUp,
        FollowUpSent;

        public String id() {
            return name();
        }
    }

    private MissedCallTextBackFollowUp() {
    }
}
