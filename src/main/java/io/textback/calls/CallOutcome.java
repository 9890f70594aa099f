package io.textback.calls;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What became of a call, kept on its record as one of these codes. The recipe sets it as it runs:
 * the missed-call service, "Tag caller", timers, end events, "Send text" and the incident handler.
 */
public enum CallOutcome {
    /** A text went out (or was simulated); its delivery status is in the message log. */
    TEXTED,
    /** The recipe waits before texting; the call's due time says until when. */
    WAITING,
    /** The text waits for the caller's quiet hours to end; the call's due time says until when. */
    HELD_QUIET_HOURS,
    ANSWERED,
    TEXT_BACK_OFF,
    /** Not the caller's first call in the window: the first call's recipe is handling them. */
    REPEAT_CALL,
    REACHED_DURING_WAIT,
    CALLER_TEXTED_FIRST,
    OPTED_OUT,
    LIMIT_REACHED,
    LANDLINE,
    INVALID_NUMBER,
    TWILIO_REFUSED,
    /** The recipe hit an incident; the detail is the incident's message. */
    FAILED,
    /** A recipe ended without saying more (the default for recipes drawn without Textback's end events). */
    NO_TEXT,
    /** The recipe started and has decided nothing yet. */
    RUNNING;

    /** Outcomes that a later step of the recipe replaces as a matter of course. */
    public static final Set<CallOutcome> PENDING = EnumSet.of(RUNNING, WAITING, HELD_QUIET_HOURS);
    /** What an attempt to text said; only another attempt replaces it. */
    static final Set<CallOutcome> TEXT_ATTEMPT = EnumSet.of(TEXTED, OPTED_OUT, LIMIT_REACHED, LANDLINE, INVALID_NUMBER,
            TWILIO_REFUSED);

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<CallOutcome> fromCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code().equals(code)).findFirst();
    }

    public static String codes() {
        return Arrays.stream(values()).map(CallOutcome::code).collect(Collectors.joining(", "));
    }

    static Set<String> codesOf(Set<CallOutcome> outcomes) {
        return outcomes.stream().map(CallOutcome::code).collect(Collectors.toSet());
    }
}
