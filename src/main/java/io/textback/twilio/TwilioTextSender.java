package io.textback.twilio;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.textback.messaging.SendResult;
import io.textback.messaging.TextSender;
import io.textback.messaging.TextStatus;

/** Sends texts through Twilio's Messages API with the official SDK. */
class TwilioTextSender implements TextSender {

    // Twilio's "too many requests" error, returned with HTTP 429 or inside other errors.
    private static final int TOO_MANY_REQUESTS = 20429;

    private final TwilioRestClient client;
    private final URI statusCallback;

    TwilioTextSender(TwilioRestClient client, URI statusCallback) {
        this.client = client;
        this.statusCallback = statusCallback;
    }

    @Override
    public SendResult send(OutgoingText text) {
        try {
            Message message = Message.creator(new PhoneNumber(text.to()), new PhoneNumber(text.from()), text.body())
                    .setStatusCallback(statusCallback)
                    .create(client);
            String status = message.getStatus() == null ? "queued" : message.getStatus().toString();
            return SendResult.accepted(TextStatus.fromProvider(status), message.getSid());
        } catch (ApiException e) {
            if (isTransient(e)) {
                throw new TransientSendException("Twilio could not take the text now (HTTP " + e.getStatusCode()
                        + (e.getCode() == null ? "" : ", error " + e.getCode()) + "): " + e.getMessage(), e);
            }
            return SendResult.refused(e.getCode() == null ? String.valueOf(e.getStatusCode()) : e.getCode().toString(),
                    e.getMessage());
        } catch (ApiConnectionException e) {
            throw new TransientSendException("Twilio could not be reached: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> findAccepted(OutgoingText text, Instant since) {
        try {
            var recent = Message.reader()
                    .setTo(new PhoneNumber(text.to()))
                    .setFrom(new PhoneNumber(text.from()))
                    .setDateSentAfter(ZonedDateTime.ofInstant(since, ZoneOffset.UTC))
                    .limit(50)
                    .read(client);
            for (Message message : recent) {
                if (text.body().equals(message.getBody())) {
                    return Optional.of(message.getSid());
                }
            }
            return Optional.empty();
        } catch (ApiException | ApiConnectionException e) {
            throw new TransientSendException("Could not ask Twilio whether an earlier attempt was sent: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean isSimulated() {
        return false;
    }

    private static boolean isTransient(ApiException e) {
        Integer status = e.getStatusCode();
        return status == null || status == 429 || status >= 500
                || (e.getCode() != null && e.getCode() == TOO_MANY_REQUESTS);
    }
}
