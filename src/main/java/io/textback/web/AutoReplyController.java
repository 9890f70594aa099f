package io.textback.web;

import io.textback.autoreply.AutoReplyRepository;
import io.textback.autoreply.AutoReplySettings;
import io.textback.recipes.AutoReplyRecipes;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.accounts.AccountRepository;
import io.textback.recipes.DeployedRecipes;
import io.textback.settings.SettingsService;
import io.textback.system.InvalidInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

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
        accounts.requireExists(accountId);
        return view(repository.find(accountId));
    }

    @PutMapping("/api/accounts/{accountId}/auto-reply")
    @Operation(summary = "Replace the account's auto-reply; 400 names every invalid field and nothing is saved")
    View save(@PathVariable String accountId, @RequestBody Form form) {
        accounts.requireExists(accountId);
        var errors = new InvalidInput.Errors();
        if (form.enabled() == null) {
            errors.add("enabled", InvalidInput.REQUIRED);
        }
        String message = form.message();
        SettingsService.messageErrors("message", message, errors);
        if (form.recipeKey() == null || form.recipeKey().isBlank()) {
            errors.add("recipeKey", InvalidInput.REQUIRED);
        } else if (recipes.latest(form.recipeKey()).isEmpty()) {
            errors.add("recipeKey", "no recipe with key '" + form.recipeKey()
                    + "' is deployed with a start event for an inbound text");
        }
        errors.throwIfAny();
        var settings = new AutoReplySettings(form.enabled(), message, form.recipeKey());
        repository.save(accountId, settings);
        return view(settings);
    }

    private View view(AutoReplySettings settings) {
        return new View(settings.enabled(), settings.message(), settings.recipeKey(), recipes.list());
    }
}
