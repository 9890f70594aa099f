package io.textback.twilio;

import java.util.Locale;

import io.textback.messaging.Refusal;
import io.textback.messaging.TextStatus;

/**
 * Twilio's words for what became of a text, in Textback's: its message statuses, and the error codes
 * that mean a {@link Refusal} Textback acts on. The codes themselves stay in the message log as data.
 */
final class TwilioStatuses {

    private TwilioStatuses() {
    }

    /** Twilio's message status names onto ours; a name Twilio adds later counts as queued. */
    static TextStatus status(String twilioStatus) {
        return switch (twilioStatus.toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued", "sending" -> TextStatus.QUEUED;
            case "sent" -> TextStatus.SENT;
            case "delivered", "read" -> TextStatus.DELIVERED;
            case "undelivered" -> TextStatus.UNDELIVERED;
            case "failed", "canceled" -> TextStatus.FAILED;
            default -> TextStatus.QUEUED;
        };
    }

    /**
     * What a Twilio error code (of a refused send, or in a delivery report) means to Textback; null
     * when there is no code, {@link Refusal#OTHER} for a code Textback does not act on.
     */
    static Refusal refusal(String errorCode) {
        if (errorCode == null || errorCode.isBlank()) {
            return null;
        }
        return switch (errorCode) {
            // Attempt to send to an unsubscribed recipient: the number replied STOP.
            case "21610" -> Refusal.UNSUBSCRIBED;
            // "To" number is not a valid mobile number (on a send); landline or unreachable carrier (in a report).
            case "21614", "30006" -> Refusal.NOT_TEXTABLE;
            // Invalid "To" phone number.
            case "21211" -> Refusal.INVALID_NUMBER;
            // WhatsApp: outside the 24-hour window without a template, or the number is not on WhatsApp.
            case "63016" -> Refusal.CHANNEL_UNAVAILABLE;
            default -> Refusal.OTHER;
        };
    }
}
