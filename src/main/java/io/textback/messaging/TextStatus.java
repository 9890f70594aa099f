package io.textback.messaging;

import java.util.Locale;

/**
 * A text's status in the message log. A provider's statuses only move forward
 * (queued, then sent, then delivered, undelivered or failed), so a late report never undoes a later one.
 */
public enum TextStatus {
    /** Recorded before the provider is asked; an attempt in this state has an unknown outcome until the provider is asked. */
    SENDING(0),
    /** The provider did not take the text (outage, rate limit); the recipe tries again later. */
    RETRYING(0),
    QUEUED(1),
    SENT(2),
    DELIVERED(3),
    UNDELIVERED(3),
    FAILED(3),
    /** Kept in the log and the outbox only: no Twilio credentials are configured. */
    SIMULATED(3),
    /** Not sent: the caller opted out (replied STOP). */
    OPTED_OUT(3),
    /** Not sent: the account's monthly messaging limit was reached. */
    LIMIT_REACHED(3),
    /** Not sent: the number is a landline. */
    LANDLINE(3);

    private final int progress;

    TextStatus(int progress) {
        this.progress = progress;
    }

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

    /** True when a report of {@code next} may replace this status: it lies further along. */
    public boolean advancesTo(TextStatus next) {
        return next.progress > progress;
    }
}
