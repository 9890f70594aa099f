package io.textback.settings;

import java.util.ArrayList;
import java.util.List;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.TextBackSettings;
import io.textback.messaging.MessageTemplate;
import io.textback.settings.InvalidSettingsException.InvalidField;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

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
        return accounts.findById(accountId).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no account '" + accountId + "'"));
    }

    public Account save(String accountId, SettingsForm form) {
        account(accountId);
        var errors = new ArrayList<InvalidField>();
        if (form.enabled() == null) {
            errors.add(new InvalidField("enabled", "is required"));
        }
        messageErrors("messageTemplate", form.messageTemplate(), errors);
        Integer timeout = form.callTimeoutSeconds();
        if (timeout == null) {
            errors.add(new InvalidField("callTimeoutSeconds", "is required"));
        } else if (timeout < TextBackSettings.MIN_TIMEOUT_SECONDS || timeout > TextBackSettings.MAX_TIMEOUT_SECONDS) {
            errors.add(new InvalidField("callTimeoutSeconds", "must be between " + TextBackSettings.MIN_TIMEOUT_SECONDS
                    + " and " + TextBackSettings.MAX_TIMEOUT_SECONDS + " seconds, not " + timeout));
        }
        if (form.recipeKey() == null || form.recipeKey().isBlank()) {
            errors.add(new InvalidField("recipeKey", "is required"));
        } else if (!recipes.isDeployed(form.recipeKey())) {
            errors.add(new InvalidField("recipeKey", "no recipe with key '" + form.recipeKey() + "' is deployed"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidSettingsException(errors);
        }
        accounts.updateSettings(accountId, new TextBackSettings(form.enabled(), form.messageTemplate(), timeout,
                form.recipeKey()));
        return account(accountId);
    }

    /** The message rules shared by saving and by a test message written in the editor. */
    public static void messageErrors(String field, String message, List<InvalidField> errors) {
        if (message == null || message.isBlank()) {
            errors.add(new InvalidField(field, "must not be empty"));
            return;
        }
        if (message.length() > TextBackSettings.MAX_MESSAGE_LENGTH) {
            errors.add(new InvalidField(field, "must be at most " + TextBackSettings.MAX_MESSAGE_LENGTH
                    + " characters, is " + message.length()));
        }
        var unknown = MessageTemplate.unknownFields(message);
        if (!unknown.isEmpty()) {
            errors.add(new InvalidField(field, "unknown merge field " + String.join(", ",
                    unknown.stream().map(f -> "{{" + f + "}}").toList())));
        }
    }
}
