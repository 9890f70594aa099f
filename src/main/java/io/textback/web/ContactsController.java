package io.textback.web;

import io.textback.contacts.Contact;
import io.textback.contacts.ContactRepository;
import java.time.Instant;
import java.util.List;

import io.textback.accounts.AccountRepository;
import io.textback.system.PhoneNumbers;
import io.textback.system.InvalidInput;
import io.textback.system.NotFound;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An account's contacts: list and search them, and teach the system their names and tags. */
@RestController
@RequestMapping("/api/accounts/{accountId}/contacts")
class ContactsController {

    private final ContactRepository contacts;
    private final AccountRepository accounts;

    ContactsController(ContactRepository contacts, AccountRepository accounts) {
        this.contacts = contacts;
        this.accounts = accounts;
    }

    record ContactUpdate(@Size(max = 100, message = InvalidInput.AT_MOST_MAX_CHARACTERS) String firstName,
                         @Size(max = 100, message = InvalidInput.AT_MOST_MAX_CHARACTERS) String lastName,
                         List<@NotBlank(message = "must not be empty")
                         @Size(max = 50, message = InvalidInput.AT_MOST_MAX_CHARACTERS) String> tags) {
    }

    @GetMapping
    List<Contact> search(@PathVariable String accountId, @RequestParam(name = "q", required = false) String query,
                         @RequestParam(defaultValue = "100") int limit) {
        accounts.requireExists(accountId);
        return contacts.search(accountId, query, Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{phone}")
    Contact get(@PathVariable String accountId, @PathVariable String phone) {
        accounts.requireExists(accountId);
        return contacts.find(accountId, PhoneNumbers.toE164("phone", phone)).orElseThrow(() -> new NotFound(
                "no contact " + phone + " in account '" + accountId + "'"));
    }

    @PutMapping("/{phone}")
    Contact save(@PathVariable String accountId, @PathVariable String phone, @Valid @RequestBody ContactUpdate update) {
        accounts.requireExists(accountId);
        return contacts.save(accountId, PhoneNumbers.toE164("phone", phone), blankToNull(update.firstName()),
                blankToNull(update.lastName()),
                update.tags() == null ? List.of() : update.tags().stream().map(String::trim).toList(), Instant.now());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
