package io.textback.accounts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.textback.system.PhoneNumbers;
import io.textback.system.PhoneNumbers.InvalidPhoneNumberException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AccountService {

    private final AccountRepository accounts;

    AccountService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** Creates the account with default settings, or says which field is wrong. */
    @Transactional
    public Account create(NewAccount request) {
        if (accounts.exists(request.id())) {
            throw new InvalidAccountException("id", "account '" + request.id() + "' already exists");
        }
        List<String> numbers = normalise("numbers", request.numbers());
        List<String> forwarding = normalise("forwardingNumbers",
                request.forwardingNumbers() == null ? List.of() : request.forwardingNumbers());
        String defaultNumber = request.defaultNumber() == null || request.defaultNumber().isBlank()
                ? numbers.get(0) : normalise("defaultNumber", List.of(request.defaultNumber())).get(0);
        if (!numbers.contains(defaultNumber)) {
            throw new InvalidAccountException("defaultNumber", "must be one of the account's numbers");
        }
        List<String> taken = accounts.numbersInUse(numbers);
        if (!taken.isEmpty()) {
            throw new InvalidAccountException("numbers", "already belong to another account: " + taken);
        }
        var defaults = TextBackSettings.defaults();
        var settings = request.recipeKey() == null || request.recipeKey().isBlank() ? defaults
                : new TextBackSettings(defaults.enabled(), defaults.messageTemplate(), defaults.callTimeoutSeconds(),
                        request.recipeKey());
        var account = new Account(request.id(), request.businessName().trim(), defaultNumber, numbers, forwarding,
                settings);
        accounts.insert(account);
        return account;
    }

    private static List<String> normalise(String field, List<String> raw) {
        var result = new LinkedHashSet<String>();
        for (String number : raw) {
            try {
                result.add(PhoneNumbers.toE164(number));
            } catch (InvalidPhoneNumberException e) {
                throw new InvalidAccountException(field, e.getMessage());
            }
        }
        return new ArrayList<>(result);
    }

    /** A field of an account request that cannot be accepted, and why. */
    public static class InvalidAccountException extends RuntimeException {
        private final String field;

        public InvalidAccountException(String field, String reason) {
            super(reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
