package io.textback.messaging;

import java.util.Locale;

/** A text's status in the message log. Provider statuses map onto these names. */
public enum TextStatus {
    /** Recorded before the provider is asked; an attempt in this state has an unknown outcome. */
    SENDING,
    /** The provider refused for now (outage, rate limit); the recipe's job will try again. */
    RETRYING,
    QUEUED,
    SENT,
    DELIVERED,
    UNDELIVERED,
    FAILED,
    /** Kept in the log and the outbox only: no Twilio credentials are configured. */
    SIMULATED,
    /** Not sent: the caller opted out (replied STOP). */
    OPTED_OUT,
    /** Not sent: the account's monthly messaging limit was reached. */
    LIMIT_REACHED,
    /** Not sent: the number is a landline. */
    LANDLINE;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static TextStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Once here, a new attempt with the same send key sends nothing. */
    public boolean settled() {
        return this != SENDING && this != RETRYING;
    }

    /** Maps Twilio's message status names onto ours. */
    public static TextStatus fromProvider(String providerStatus) {
        return switch (providerStatus.toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled", "queued", "sending" -> QUEUED;
            case "sent" -> SENT;
            case "delivered", "read" -> DELIVERED;
            case "undelivered" -> UNDELIVERED;
            case "failed", "canceled" -> FAILED;
            default -> QUEUED;
        };
    }
}
