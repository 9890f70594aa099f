package io.textback.twilio;

import java.util.Locale;

import io.textback.messaging.TextStatus;

/** Twilio's words for what became of a text, in Textback's. */
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
}
