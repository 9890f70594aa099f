package io.textback.twilio;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.textback.messaging.Channel;
import io.textback.messaging.SendResult;
import io.textback.messaging.TextSender;
import io.textback.messaging.TextStatus;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * Sends texts through Twilio's Messages API with the official SDK, and tells apart a refusal that
 * proves Twilio did not take a text (safe to send again) from a failure that leaves it unknown.
 */
class TwilioTextSender implements TextSender {

    // Twilio's "too many requests" error, returned with HTTP 429 or inside other errors.
    private static final int TOO_MANY_REQUESTS = 20429;
    // Messages to one number are listed newest first; an earlier attempt is among the latest few.
    private static final int LOOKUP_DEPTH = 50;

    private final TwilioRestClient client;
    private final URI statusCallback;

    TwilioTextSender(TwilioRestClient client, URI statusCallback) {
        this.client = client;
        this.statusCallback = statusCallback;
    }

    @Override
    public SendResult send(OutgoingText text) {
        try {
            Message message = Message.creator(address(text, text.to()), address(text, text.from()), text.body())
                    .setStatusCallback(statusCallback)
                    .create(client);
            return SendResult.accepted(status(message), message.getSid());
        } catch (ApiException e) {
            if (e.getStatusCode() == null || e.getStatusCode() == 429 || e.getStatusCode() >= 500
                    || isTooManyRequests(e)) {
                throw transientFailure("Twilio could not take the text", e);
            }
            String code = e.getCode() == null ? String.valueOf(e.getStatusCode()) : e.getCode().toString();
            return SendResult.refused(TwilioStatuses.refusal(code), code, e.getMessage());
        } catch (ApiConnectionException e) {
            throw new OutcomeUnknownException("Twilio's answer was lost: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<SendResult> findAccepted(OutgoingText text, Instant since, Set<String> known) {
        try {
            // No date filter: Twilio filters only on DateSent, which stays empty while a text is queued.
            var recent = Message.reader()
                    .setTo(address(text, text.to()))
                    .setFrom(address(text, text.from()))
                    .limit(LOOKUP_DEPTH)
                    .read(client);
            for (Message message : recent) {
                boolean sinceAttempt = message.getDateCreated() == null
                        || !message.getDateCreated().toInstant().isBefore(since);
                if (sinceAttempt && text.body().equals(message.getBody()) && !known.contains(message.getSid())) {
                    return Optional.of(SendResult.accepted(status(message), message.getSid()));
                }
            }
            return Optional.empty();
        } catch (ApiException e) {
            throw transientFailure("Could not ask Twilio whether an earlier attempt was sent", e);
        } catch (ApiConnectionException e) {
            throw new OutcomeUnknownException("Could not ask Twilio whether an earlier attempt was sent: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean isSimulated() {
        return false;
    }

    /** Twilio's address of a number on the text's channel: WhatsApp numbers are written {@code whatsapp:+1...}. */
    private static PhoneNumber address(OutgoingText text, String number) {
        return new PhoneNumber(text.channel() == Channel.WHATSAPP ? "whatsapp:" + number : number);
    }

    private static TextStatus status(Message message) {
        return TwilioStatuses.status(message.getStatus() == null ? "queued" : message.getStatus().toString());
    }

    /**
     * Only a refusal proves that Twilio did not take the text: a 429 (or error 20429), a 503 with
     * Twilio's error body, or a connection that was never made. A timeout, a reset connection, an
     * empty answer or another server error may come after Twilio took it.
     */
    private static TransientSendException transientFailure(String what, ApiException e) {
        Integer status = e.getStatusCode();
        String reason = what + (status == null ? "" : " (HTTP " + status
                + (e.getCode() == null ? "" : ", Twilio error " + e.getCode()) + ")") + ": " + e.getMessage();
        if ((status != null && status == 429) || isTooManyRequests(e)) {
            return new NotTakenException(reason, true, RedirectingHttpClient.lastRetryAfter(), e);
        }
        if (status != null && status == 503 && e.getCode() != null) {
            return new NotTakenException(reason, false, RedirectingHttpClient.lastRetryAfter(), e);
        }
        if (status == null && neverConnected(e.getCause())) {
            return new NotTakenException(reason, false, null, e);
        }
        return new OutcomeUnknownException(reason, e);
    }

    private static boolean isTooManyRequests(ApiException e) {
        return e.getCode() != null && e.getCode() == TOO_MANY_REQUESTS;
    }

    private static boolean neverConnected(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof ConnectTimeoutException
                || (cause instanceof InterruptedIOException && cause.getMessage() != null
                    && cause.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connect timed out"));
    }
}
