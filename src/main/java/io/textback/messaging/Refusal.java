package io.textback.messaging;

import java.util.Locale;

/**
 * Why a text was refused (by the provider, or for want of a sender) or reported undeliverable, in
 * Textback's words. The sender tells it; what Textback does about a refusal is decided on this alone,
 * while the provider's own code and message stay in the message log beside it for people to read.
 */
public enum Refusal {
    /** The number opted out of texts from this sender (it replied STOP). */
    UNSUBSCRIBED,
    /** The number cannot receive texts: a landline, for one. */
    NOT_TEXTABLE,
    /** The number is not a valid phone number. */
    INVALID_NUMBER,
    /** The channel cannot reach the number now: not on WhatsApp, outside WhatsApp's 24-hour window, no sender. */
    CHANNEL_UNAVAILABLE,
    /** Any other refusal: the provider's code and message say why. */
    OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The refusal a message log entry names, or null when it names none. */
    public static Refusal fromLabel(String label) {
        return label == null ? null : valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
