package io.textback.accounts;

import java.util.List;

/**
 * A business using Textback (HighLevel calls it a sub-account): its numbers, the team's phones an
 * incoming call rings, and its missed-call text-back settings.
 */
public record Account(
        String id,
        String businessName,
        String defaultNumber,
        List<String> numbers,
        List<String> forwardingNumbers,
        TextBackSettings settings) {

    public Account {
        numbers = List.copyOf(numbers);
        forwardingNumbers = List.copyOf(forwardingNumbers);
    }
}
