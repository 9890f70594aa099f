package io.textback.web;

import io.textback.conversations.Conversations;
import io.textback.settings.SettingsService;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.messaging.TextSender.TransientSendException;
import io.textback.messaging.TextingService;
import io.textback.system.PhoneNumbers;
import io.textback.system.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Conversations: each caller's texts both ways, and the owner's replies. */
@RestController
@RequestMapping("/api/accounts/{accountId}/conversations")
@Tag(name = "Conversations")
class ConversationsController {

    private final Conversations conversations;
    private final AccountRepository accounts;
    private final TextingService texting;

    ConversationsController(Conversations conversations, AccountRepository accounts, TextingService texting) {
        this.conversations = conversations;
        this.accounts = accounts;
        this.texting = texting;
    }

    record Reply(String body) {
    }

    @GetMapping
    @Operation(summary = "Everyone the account texted or who texted it, latest message first")
    List<Conversations.Summary> list(@PathVariable String accountId, @RequestParam(defaultValue = "100") int limit) {
        accounts.requireExists(accountId);
        return conversations.list(accountId, Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{phone}")
    @Operation(summary = "One caller's thread, oldest first: texts sent (with delivery status) and received,"
            + " the contact's name, tags and opt-out state")
    Conversations.Conversation thread(@PathVariable String accountId, @PathVariable String phone) {
        accounts.requireExists(accountId);
        return conversations.thread(accountId, PhoneNumbers.toE164("phone", phone));
    }

    @PostMapping("/{phone}/replies")
    @Operation(summary = "Text the caller now, through the same sending service as a recipe (opt-out and the"
            + " message log apply); the answer is the thread with the reply in it")
    Conversations.Conversation reply(@PathVariable String accountId, @PathVariable String phone, @RequestBody Reply reply) {
        Account account = accounts.require(accountId);
        String to = PhoneNumbers.toE164("phone", phone);
        String body = reply.body() == null ? "" : reply.body().trim();
        // A reply is rendered like a recipe's text, so it follows the same rules (merge fields included).
        var errors = new InvalidInput.Errors();
        SettingsService.messageErrors("body", body, errors);
        errors.throwIfAny();
        try {
            texting.send(new TextingService.Request("reply:" + UUID.randomUUID(), account, to, body, null, null));
        } catch (TransientSendException e) {
            // Nobody retries a reply; the owner sees why and may send it again.
            throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, e.getMessage());
        }
        return conversations.thread(accountId, to);
    }
}
