package io.textback.web;

import io.textback.contacts.Contact;
import io.textback.contacts.ContactRepository;
import java.time.Instant;
import java.util.List;

import io.textback.accounts.AccountRepository;
import io.textback.system.PhoneNumbers;
import io.textback.system.PhoneNumbers.InvalidPhoneNumberException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

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

    record ContactUpdate(@Size(max = 100) String firstName, @Size(max = 100) String lastName,
                         List<@NotBlank @Size(max = 50) String> tags) {
    }

    @GetMapping
    List<Contact> search(@PathVariable String accountId, @RequestParam(name = "q", required = false) String query,
                         @RequestParam(defaultValue = "100") int limit) {
        requireAccount(accountId);
        return contacts.search(accountId, query, Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{phone}")
    Contact get(@PathVariable String accountId, @PathVariable String phone) {
        requireAccount(accountId);
        return contacts.find(accountId, e164(phone)).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no contact " + phone + " in account '" + accountId + "'"));
    }

    @PutMapping("/{phone}")
    Contact save(@PathVariable String accountId, @PathVariable String phone, @Valid @RequestBody ContactUpdate update) {
        requireAccount(accountId);
        return contacts.save(accountId, e164(phone), blankToNull(update.firstName()), blankToNull(update.lastName()),
                update.tags() == null ? List.of() : update.tags().stream().map(String::trim).toList(), Instant.now());
    }

    private void requireAccount(String accountId) {
        if (!accounts.exists(accountId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no account '" + accountId + "'");
        }
    }

    private static String e164(String phone) {
        try {
            return PhoneNumbers.toE164(phone);
        } catch (InvalidPhoneNumberException e) {
            throw new BadRequestException("phone", e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
