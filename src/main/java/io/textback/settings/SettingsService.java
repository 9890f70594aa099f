package io.textback.settings;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.TextBackSettings;
import io.textback.messaging.MessageTemplate;
import io.textback.system.InvalidInput;
import org.springframework.stereotype.Service;

/** Checks a whole settings form and saves it in one statement, or saves nothing and names every bad field. */
@Service
public class SettingsService {

    private final AccountRepository accounts;
    private final RecipeCatalog recipes;

    SettingsService(AccountRepository accounts, RecipeCatalog recipes) {
        this.accounts = accounts;
        this.recipes = recipes;
    }

    public Account account(String accountId) {
        return accounts.require(accountId);
    }

    public Account save(String accountId, SettingsForm form) {
        account(accountId);
        var errors = new InvalidInput.Errors();
        if (form.enabled() == null) {
            errors.add("enabled", InvalidInput.REQUIRED);
        }
        messageErrors("messageTemplate", form.messageTemplate(), errors);
        Integer timeout = form.callTimeoutSeconds();
        if (timeout == null) {
            errors.add("callTimeoutSeconds", InvalidInput.REQUIRED);
        } else if (timeout < TextBackSettings.MIN_TIMEOUT_SECONDS || timeout > TextBackSettings.MAX_TIMEOUT_SECONDS) {
            errors.add("callTimeoutSeconds", "must be between " + TextBackSettings.MIN_TIMEOUT_SECONDS
                    + " and " + TextBackSettings.MAX_TIMEOUT_SECONDS + " seconds, not " + timeout);
        }
        if (form.recipeKey() == null || form.recipeKey().isBlank()) {
            errors.add("recipeKey", InvalidInput.REQUIRED);
        } else if (!recipes.isDeployed(form.recipeKey())) {
            errors.add("recipeKey", "no recipe with key '" + form.recipeKey() + "' is deployed");
        }
        errors.throwIfAny();
        accounts.updateSettings(accountId, new TextBackSettings(form.enabled(), form.messageTemplate(), timeout,
                form.recipeKey()));
        return account(accountId);
    }

    /** The rules of any text a person writes: the saved message, a test message, the auto-reply, a reply. */
    public static void messageErrors(String field, String message, InvalidInput.Errors errors) {
        if (message == null || message.isBlank()) {
            errors.add(field, "must not be empty");
            return;
        }
        if (message.length() > TextBackSettings.MAX_MESSAGE_LENGTH) {
            errors.add(field, "must be at most " + TextBackSettings.MAX_MESSAGE_LENGTH
                    + " characters, is " + message.length());
        }
        var unknown = MessageTemplate.unknownFields(message);
        if (!unknown.isEmpty()) {
            errors.add(field, "unknown merge field " + String.join(", ",
                    unknown.stream().map(f -> "{{" + f + "}}").toList()));
        }
    }
}
