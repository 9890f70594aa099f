package io.textback.web;

import io.textback.autoreply.AutoReplyRepository;
import io.textback.autoreply.AutoReplySettings;
import io.textback.recipes.AutoReplyRecipes;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.TextBackSettings;
import io.textback.recipes.DeployedRecipes;
import io.textback.messaging.MessageTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** An account's auto-reply to texts it receives, and the recipes that can send it. */
@RestController
@Tag(name = "Auto-reply", description = "Answering texts the business receives")
class AutoReplyController {

    private final AccountRepository accounts;
    private final AutoReplyRepository repository;
    private final AutoReplyRecipes recipes;

    AutoReplyController(AccountRepository accounts, AutoReplyRepository repository, AutoReplyRecipes recipes) {
        this.accounts = accounts;
        this.repository = repository;
        this.recipes = recipes;
    }

    record View(boolean enabled, String message, String recipeKey, List<DeployedRecipes.Recipe> recipes) {
    }

    record Form(Boolean enabled, String message, String recipeKey) {
    }

    @GetMapping("/api/accounts/{accountId}/auto-reply")
    @Operation(summary = "The account's auto-reply and the deployed recipes an inbound text can start")
    View get(@PathVariable String accountId) {
        requireAccount(accountId);
        return view(repository.find(accountId));
    }

    @PutMapping("/api/accounts/{accountId}/auto-reply")
    @Operation(summary = "Replace the account's auto-reply; 400 names the first invalid field")
    View save(@PathVariable String accountId, @RequestBody Form form) {
        requireAccount(accountId);
        if (form.enabled() == null) {
            throw new BadRequestException("enabled", "is required");
        }
        String message = form.message();
        if (message == null || message.isBlank()) {
            throw new BadRequestException("message", "must not be empty");
        }
        if (message.length() > TextBackSettings.MAX_MESSAGE_LENGTH) {
            throw new BadRequestException("message", "must be at most " + TextBackSettings.MAX_MESSAGE_LENGTH
                    + " characters, is " + message.length());
        }
        var unknown = MessageTemplate.unknownFields(message);
        if (!unknown.isEmpty()) {
            throw new BadRequestException("message", "unknown merge field "
                    + String.join(", ", unknown.stream().map(f -> "{{" + f + "}}").toList()));
        }
        if (recipes.latest(form.recipeKey()).isEmpty()) {
            throw new BadRequestException("recipeKey", "no recipe with key '" + form.recipeKey()
                    + "' is deployed with a start event for an inbound text");
        }
        var settings = new AutoReplySettings(form.enabled(), message, form.recipeKey());
        repository.save(accountId, settings);
        return view(settings);
    }

    private View view(AutoReplySettings settings) {
        return new View(settings.enabled(), settings.message(), settings.recipeKey(), recipes.list());
    }

    private void requireAccount(String accountId) {
        if (!accounts.exists(accountId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no account '" + accountId + "'");
        }
    }
}
