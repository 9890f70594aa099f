package io.textback.messaging;

import java.time.Instant;

/** One entry of the message log. */
public record TextMessage(
        long id,
        String accountId,
        String callSid,
        String processInstanceId,
        String to,
        String from,
        String body,
        int segments,
        String status,
        String providerSid,
        String errorCode,
        String errorMessage,
        /** Why the provider refused the text or reported it undeliverable, as a {@link Refusal} label; else null */
        String refusal,
        Instant createdAt,
        Instant updatedAt,
        /** sms or whatsapp */
        String channel) {
}
