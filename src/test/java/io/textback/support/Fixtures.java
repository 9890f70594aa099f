package io.textback.support;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.NewAccount;
import io.textback.accounts.TextBackSettings;

/** Accounts and callers of their own for each test, so tests sharing an application context never meet. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A valid caller number that no other test is likely to use. */
    public static String newCaller() {
        return "+1415" + (3000000 + ThreadLocalRandom.current().nextInt(6000000));
    }

    public static String newCallSid() {
        return "CA" + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    /** A new account with its own business number (a valid US number) and default settings. */
    public static Account newAccount(AccountService accounts, String businessName) {
        return newAccount(accounts, businessName, null);
    }

    /** The same, running the recipe with this process key ({@code null}: the built-in one). */
    public static Account newAccount(AccountService accounts, String businessName, String recipeKey) {
        String id = "acct-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
        String number = "+1212" + (2000000 + ThreadLocalRandom.current().nextInt(7000000));
        return accounts.create(new NewAccount(id, businessName, List.of(number), number, List.of("+12125550111"),
                recipeKey));
    }

    public static Account withSettings(AccountRepository repository, Account account, TextBackSettings settings) {
        repository.updateSettings(account.id(), settings);
        return repository.findById(account.id()).orElseThrow();
    }
}
