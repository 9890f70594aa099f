package io.textback.messaging;

import java.time.Instant;
import java.util.Optional;

/**
 * Sends one text. Recipes never see which provider does it: the Twilio sender when credentials are
 * configured, the simulated one otherwise.
 */
public interface TextSender {

    /**
     * Hands the text to the provider. A refusal that trying again cannot fix (an invalid or
     * unsubscribed number) is returned as a failed result; an outage or rate limit throws
     * {@link TransientSendException} so that the caller retries later.
     */
    SendResult send(OutgoingText text);

    /**
     * The provider's id of this text if an earlier attempt reached the provider after {@code since},
     * so that an attempt whose outcome was lost is not sent a second time.
     */
    Optional<String> findAccepted(OutgoingText text, Instant since);

    /** True when nothing leaves this machine. */
    boolean isSimulated();

    record OutgoingText(String from, String to, String body) {
    }

    /** Thrown when the provider could not take the text now, but might later. */
    class TransientSendException extends RuntimeException {
        public TransientSendException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
