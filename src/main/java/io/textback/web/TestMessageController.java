package io.textback.web;

import io.textback.settings.SettingsService;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.accounts.Account;
import io.textback.messaging.TextMessage;
import io.textback.messaging.TextSender.TransientSendException;
import io.textback.messaging.TextingService;
import io.textback.system.PhoneNumbers;
import io.textback.system.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Send a test message": the message goes through the same service as a recipe's, so it is logged,
 * counted in usage and simulated or sent exactly as a caller's text would be.
 */
@RestController
@Tag(name = "Test message")
class TestMessageController {

    private final SettingsService settings;
    private final TextingService texting;

    TestMessageController(SettingsService settings, TextingService texting) {
        this.settings = settings;
        this.texting = texting;
    }

    /** {@code messageTemplate} left out sends the saved message. */
    record TestMessageRequest(String to, String messageTemplate) {
    }

    record TestMessageOutcome(long messageId, String to, String from, String body, int segments, String status,
                              String errorCode, String errorMessage) {

        static TestMessageOutcome of(TextMessage m) {
            return new TestMessageOutcome(m.id(), m.to(), m.from(), m.body(), m.segments(), m.status(), m.errorCode(),
                    m.errorMessage());
        }
    }

    @PostMapping("/api/accounts/{accountId}/test-messages")
    @Operation(summary = "Text a number now with the account's message: sent, simulated, or the provider's refusal")
    TestMessageOutcome send(@PathVariable String accountId, @RequestBody TestMessageRequest request) {
        Account account = settings.account(accountId);
        var errors = new InvalidInput.Errors();
        String to = errors.check(() -> PhoneNumbers.toE164("to", request.to()));
        String template = request.messageTemplate() == null
                ? account.settings().messageTemplate() : request.messageTemplate();
        SettingsService.messageErrors("messageTemplate", template, errors);
        errors.throwIfAny();
        try {
            return TestMessageOutcome.of(texting.send(new TextingService.Request("test:" + UUID.randomUUID(), account,
                    to, template, null, null)));
        } catch (TransientSendException e) {
            // Nobody retries a test message; the person sees why and may press the button again.
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, e.getMessage());
        }
    }
}
