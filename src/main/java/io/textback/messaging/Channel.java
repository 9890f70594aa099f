package io.textback.messaging;

import java.util.Locale;

/** How "Send text" reaches the caller: SMS, WhatsApp, or WhatsApp with SMS when WhatsApp fails. */
public enum Channel {
    SMS, WHATSAPP, WHATSAPP_THEN_SMS;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The channel a text goes by on its first try. */
    public Channel firstTry() {
        return this == WHATSAPP_THEN_SMS ? WHATSAPP : this;
    }

    public static Channel fromLabel(String label) {
        for (Channel channel : values()) {
            if (channel.label().equals(label == null ? "" : label.trim().toLowerCase(Locale.ROOT))) {
                return channel;
            }
        }
        throw new IllegalArgumentException("channel '" + label + "' is not one of sms, whatsapp, whatsapp-then-sms");
    }
}
