package io.textback.calls;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import io.textback.messaging.Refusal;
import io.textback.messaging.TextMessage;
import io.textback.messaging.TextStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a call's outcome as its recipe decides it, in the transaction of the step that decided.
 * A later step replaces what an earlier one said only where that is the point: a pending outcome
 * (running, waiting, held) gives way to anything, and what an attempt to text said is kept.
 */
@Component
public class CallOutcomes {

    private static final Set<String> PENDING = CallOutcome.codesOf(CallOutcome.PENDING);
    private static final Set<String> PENDING_OR_FAILED = CallOutcome.codesOf(
            union(CallOutcome.PENDING, Set.of(CallOutcome.FAILED)));
    private static final Set<String> NOT_FROM_A_TEXT = CallOutcome.codesOf(
            EnumSet.complementOf(EnumSet.copyOf(CallOutcome.TEXT_ATTEMPT)));

    private final JdbcClient jdbc;

    CallOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Says what became of the call, whatever was said before. */
    void record(String callSid, CallOutcome outcome, String detail) {
        jdbc.sql("update phone_call set outcome = :outcome, outcome_detail = :detail, due_at = null"
                        + " where call_sid = :callSid")
                .param("outcome", outcome.code()).param("detail", truncate(detail)).param("callSid", callSid)
                .update();
    }

    /**
     * What "Send text" achieved: texted, or why not (opted out, limit reached, landline, invalid number,
     * Twilio's refusal with its code), as the text's status and refusal say. An attempt still unsettled
     * (to be retried) changes nothing.
     */
    public void textResult(String callSid, TextMessage text) {
        if (callSid == null) {
            return;
        }
        TextStatus status = TextStatus.fromLabel(text.status());
        CallOutcome outcome;
        String detail = text.errorMessage();
        switch (status) {
            case QUEUED, SENT, DELIVERED, UNDELIVERED, SIMULATED -> {
                outcome = CallOutcome.TEXTED;
                detail = "whatsapp".equals(text.channel()) ? "by WhatsApp" : "by SMS";
            }
            case OPTED_OUT -> outcome = CallOutcome.OPTED_OUT;
            case LIMIT_REACHED -> outcome = CallOutcome.LIMIT_REACHED;
            case LANDLINE -> outcome = CallOutcome.LANDLINE;
            case FAILED -> {
                outcome = refusal(Refusal.fromLabel(text.refusal()));
                detail = text.errorCode() == null ? text.errorMessage()
                        : text.errorCode() + (text.errorMessage() == null ? "" : " " + text.errorMessage());
            }
            default -> {
                return;
            }
        }
        jdbc.sql("update phone_call set outcome = :outcome, outcome_detail = :detail, due_at = null,"
                        + " text_message_id = :text where call_sid = :callSid")
                .param("outcome", outcome.code()).param("detail", truncate(detail)).param("text", text.id())
                .param("callSid", callSid).update();
    }

    /** An incident stopped the recipe; a text that already went out stays the outcome. */
    public void failed(String callSid, String reason) {
        update(callSid, CallOutcome.FAILED, reason, null, NOT_FROM_A_TEXT);
    }

    /** "Tag caller" found earlier calls in its window. */
    public void repeatCall(String callSid, int callNumber, String window) {
        update(callSid, CallOutcome.REPEAT_CALL, "call " + callNumber + " within " + window, null, PENDING);
    }

    /** The recipe waits (or holds the text) until {@code dueAt}. A text already tried stays the outcome. */
    public void waiting(String callSid, CallOutcome outcome, Instant dueAt, String detail) {
        update(callSid, outcome, detail, dueAt, PENDING_OR_FAILED);
    }

    /** A wait ended (its time passed, or a message interrupted it): the recipe runs on. */
    public void waitOver(String callSid) {
        update(callSid, CallOutcome.RUNNING, null, null, Set.of(CallOutcome.WAITING.code(),
                CallOutcome.HELD_QUIET_HOURS.code()));
    }

    /**
     * The recipe reached an end event: an outcome the event declares replaces anything but what an attempt
     * to text said; without one, a recipe that decided nothing yet ends "no text".
     */
    public void ended(String callSid, CallOutcome declared) {
        if (callSid == null) {
            return;
        }
        if (declared != null) {
            // The step that said so first may have given a reason ("call 2 within PT20M"): it stays.
            jdbc.sql("update phone_call set outcome_detail = case when outcome = :outcome then outcome_detail end,"
                            + " outcome = :outcome, due_at = null where call_sid = :callSid"
                            + " and (outcome is null or outcome in (:replacing))")
                    .param("outcome", declared.code()).param("callSid", callSid).param("replacing", NOT_FROM_A_TEXT)
                    .update();
        } else {
            update(callSid, CallOutcome.NO_TEXT, null, null, PENDING_OR_FAILED);
        }
    }

    private void update(String callSid, CallOutcome outcome, String detail, Instant dueAt, Set<String> replacing) {
        if (callSid == null) {
            return;
        }
        jdbc.sql("update phone_call set outcome = :outcome, outcome_detail = :detail, due_at = :dueAt"
                        + " where call_sid = :callSid and (outcome is null or outcome in (:replacing))")
                .param("outcome", outcome.code()).param("detail", truncate(detail))
                .param("dueAt", dueAt == null ? null : Timestamp.from(dueAt), Types.TIMESTAMP)
                .param("callSid", callSid).param("replacing", replacing).update();
    }

    private static CallOutcome refusal(Refusal refusal) {
        if (refusal == null) {
            return CallOutcome.TWILIO_REFUSED;
        }
        return switch (refusal) {
            case INVALID_NUMBER -> CallOutcome.INVALID_NUMBER;
            case UNSUBSCRIBED -> CallOutcome.OPTED_OUT;
            case NOT_TEXTABLE -> CallOutcome.LANDLINE;
            case CHANNEL_UNAVAILABLE, OTHER -> CallOutcome.TWILIO_REFUSED;
        };
    }

    private static Set<CallOutcome> union(Set<CallOutcome> a, Set<CallOutcome> b) {
        var all = EnumSet.copyOf(a);
        all.addAll(b);
        return all;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
