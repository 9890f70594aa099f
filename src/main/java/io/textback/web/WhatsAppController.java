package io.textback.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.accounts.AccountRepository;
import io.textback.messaging.WhatsAppSenders;
import io.textback.system.PhoneNumbers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The number an account's WhatsApp texts come from, for "Send text" tasks whose channel is WhatsApp. */
@RestController
@Tag(name = "WhatsApp", description = "The account's WhatsApp sender")
class WhatsAppController {

    private final AccountRepository accounts;
    private final WhatsAppSenders senders;

    WhatsAppController(AccountRepository accounts, WhatsAppSenders senders) {
        this.accounts = accounts;
        this.senders = senders;
    }

    /** {@code sender} null: no WhatsApp; a "WhatsApp, SMS when WhatsApp fails" task then sends the SMS. */
    record WhatsApp(String sender) {
    }

    @GetMapping("/api/accounts/{accountId}/whatsapp")
    @Operation(summary = "The account's WhatsApp sender, null when none is set")
    WhatsApp get(@PathVariable String accountId) {
        accounts.requireExists(accountId);
        return new WhatsApp(senders.find(accountId).orElse(null));
    }

    @PutMapping("/api/accounts/{accountId}/whatsapp")
    @Operation(summary = "Set the number Twilio has enabled for WhatsApp (E.164), or null to remove it")
    WhatsApp save(@PathVariable String accountId, @RequestBody WhatsApp form) {
        accounts.requireExists(accountId);
        String sender = null;
        if (form.sender() != null && !form.sender().isBlank()) {
            sender = PhoneNumbers.toE164("sender", form.sender());
        }
        senders.save(accountId, sender);
        return new WhatsApp(sender);
    }
}
