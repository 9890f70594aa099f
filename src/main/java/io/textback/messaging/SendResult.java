package io.textback.messaging;

/** What became of one attempt to send a text. */
public record SendResult(TextStatus status, String providerSid, String errorCode, String errorMessage) {

    public static SendResult accepted(TextStatus status, String providerSid) {
        return new SendResult(status, providerSid, null, null);
    }

    public static SendResult refused(String errorCode, String errorMessage) {
        return new SendResult(TextStatus.FAILED, null, errorCode, errorMessage);
    }
}
