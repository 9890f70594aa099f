package io.textback.contacts;

import java.time.Instant;
import java.util.List;

/** A caller the business knows, by phone number within one account. */
public record Contact(String accountId, String phoneNumber, String firstName, String lastName, boolean optedOut,
                      List<String> tags, Instant firstCallAt, Instant lastCallAt) {

    public Contact {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public String name() {
        String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return full.isEmpty() ? null : full;
    }
}
