package io.textback.accounts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.textback.system.InvalidInput;
import io.textback.system.PhoneNumbers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class AccountService {

    private final AccountRepository accounts;

    AccountService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /** Creates the account with default settings, or an {@link InvalidInput} naming the wrong fields. */
    @Transactional
    public Account create(NewAccount request) {
        if (accounts.exists(request.id())) {
            throw InvalidInput.conflict("id", "account '" + request.id() + "' already exists");
        }
        var errors = new InvalidInput.Errors();
        List<String> numbers = normalise(errors, "numbers", request.numbers() == null ? List.of() : request.numbers());
        if (request.numbers() == null || request.numbers().isEmpty()) {
            errors.add("numbers", InvalidInput.REQUIRED);
        }
        List<String> forwarding = normalise(errors, "forwardingNumbers",
                request.forwardingNumbers() == null ? List.of() : request.forwardingNumbers());
        String defaultNumber = request.defaultNumber() == null || request.defaultNumber().isBlank()
                ? (numbers.isEmpty() ? null : numbers.get(0))
                : errors.check(() -> PhoneNumbers.toE164("defaultNumber", request.defaultNumber()));
        if (defaultNumber != null && !numbers.isEmpty() && !numbers.contains(defaultNumber)) {
            errors.add("defaultNumber", "must be one of the account's numbers");
        }
        errors.throwIfAny();
        List<String> taken = accounts.numbersInUse(numbers);
        if (!taken.isEmpty()) {
            throw InvalidInput.conflict("numbers", "already belong to another account: " + taken);
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

    /** Each number in E.164, duplicates dropped; a bad one is named by its place in the list. */
    private static List<String> normalise(InvalidInput.Errors errors, String field, List<String> raw) {
        var result = new LinkedHashSet<String>();
        for (int i = 0; i < raw.size(); i++) {
            String item = field + "[" + i + "]";
            String number = raw.get(i);
            String e164 = errors.check(() -> PhoneNumbers.toE164(item, number));
            if (e164 != null) {
                result.add(e164);
            }
        }
        return new ArrayList<>(result);
    }
}
