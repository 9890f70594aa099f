package io.textback.recipes;

import io.textback.accounts.AccountRepository;
import org.springframework.stereotype.Component;

/**
 * Lets a recipe ask, at the moment it matters, whether the account still wants texts sent:
 * {@code ${textBack.enabled(accountId)}}. Switching text-back off also stops recipes already waiting.
 */
@Component("textBack")
public class TextBackSwitch {

    private final AccountRepository accounts;

    TextBackSwitch(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public boolean enabled(String accountId) {
        return accounts.textBackEnabled(accountId);
    }
}
