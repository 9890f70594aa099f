package io.textback.messaging;

/**
 * What became of one attempt to send a text. A refused text carries the provider's code and message
 * as data for people, and the {@link Refusal} that Textback acts on.
 */
public record SendResult(TextStatus status, String providerSid, String errorCode, String errorMessage,
                         Refusal refusal) {

    /** A result without a refusal by the provider: taken, simulated, not sent for a reason of our own, or pending. */
    public SendResult(TextStatus status, String providerSid, String errorCode, String errorMessage) {
        this(status, providerSid, errorCode, errorMessage, null);
    }

    public static SendResult accepted(TextStatus status, String providerSid) {
        return new SendResult(status, providerSid, null, null);
    }

    public static SendResult refused(Refusal refusal, String errorCode, String errorMessage) {
        return new SendResult(TextStatus.FAILED, null, errorCode, errorMessage, refusal);
    }
}
