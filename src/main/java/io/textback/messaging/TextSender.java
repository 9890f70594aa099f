package io.textback.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Sends one text. Recipes never see which provider does it: the Twilio sender when credentials are
 * configured, the simulated one otherwise.
 */
public interface TextSender {

    /**
     * Hands the text to the provider. A refusal that trying again cannot fix (an invalid or
     * unsubscribed number) is returned as a failed result. {@link NotTakenException} means the
     * provider certainly did not take the text; {@link OutcomeUnknownException} means it may have.
     */
    SendResult send(OutgoingText text);

    /**
     * What the provider did with this text if an earlier attempt reached it after {@code since}
     * (queued or scheduled messages included), so that an attempt whose answer was lost is not
     * sent a second time. Messages whose provider ids are in {@code known} belong to other texts.
     */
    Optional<SendResult> findAccepted(OutgoingText text, Instant since, Set<String> known);

    /** True when nothing leaves this machine. */
    boolean isSimulated();

    /** One text: numbers in E.164; the channel says whether they are SMS or WhatsApp addresses. */
    record OutgoingText(String from, String to, String body, Channel channel) {

        public OutgoingText(String from, String to, String body) {
            this(from, to, body, Channel.SMS);
        }
    }

    /** The provider could not be asked or answer now; the caller tries again later. */
    abstract class TransientSendException extends RuntimeException {
        protected TransientSendException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The provider refused before taking the text (rate limit, outage, connection refused): safe to send again. */
    class NotTakenException extends TransientSendException {
        private final boolean rateLimited;
        private final Duration retryAfter;

        public NotTakenException(String message, boolean rateLimited, Duration retryAfter, Throwable cause) {
            super(message, cause);
            this.rateLimited = rateLimited;
            this.retryAfter = retryAfter;
        }

        /** True when the provider said "too many requests": slow down rather than count it as a failure. */
        public boolean rateLimited() {
            return rateLimited;
        }

        /** How long the provider asked us to wait (HTTP Retry-After), or null when it did not say. */
        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The request may have reached the provider (timeout, reset, server error): ask before sending again. */
    class OutcomeUnknownException extends TransientSendException {
        public OutcomeUnknownException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
