package io.textback.autoreply;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.contacts.ContactRepository;
import io.textback.hours.BusinessHoursCheck;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * What the auto-reply recipe asks at its gateways ({@code ${autoReplies.isKeyword(body)}},
 * {@code ${autoReplies.optedOut(accountId, caller)}}, {@code ${autoReplies.firstToday(accountId, caller)}})
 * and the account's message for its "Send text" ({@code ${autoReplies.message(accountId)}}).
 */
@Component("autoReplies")
public class AutoReplies {

    // Twilio answers these itself (opt-out, opt-in and help keywords); a second answer from us would confuse.
    static final Set<String> KEYWORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
            "OPTOUT", "START", "UNSTOP", "YES", "HELP", "INFO");

    private final AutoReplyRepository repository;
    private final AccountRepository accounts;
    private final ContactRepository contacts;
    private final BusinessHoursCheck businessHours;

    AutoReplies(AutoReplyRepository repository, AccountRepository accounts, ContactRepository contacts,
                BusinessHoursCheck businessHours) {
        this.repository = repository;
        this.accounts = accounts;
        this.contacts = contacts;
        this.businessHours = businessHours;
    }

    public boolean isKeyword(Object body) {
        return body != null && KEYWORDS.contains(body.toString().trim().toUpperCase(Locale.ROOT));
    }

    public boolean optedOut(String accountId, String caller) {
        return contacts.isOptedOut(accountId, caller);
    }

    /** True once per texter and calendar day in the business's time zone; asking records the day's answer. */
    public boolean firstToday(String accountId, String caller) {
        var zone = businessHours.hoursOf(account(accountId)).zone();
        LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
        return repository.claimDay(accountId, caller, today);
    }

    public String message(String accountId) {
        return repository.find(accountId).message();
    }

    private Account account(String accountId) {
        return accounts.findById(accountId)
                .orElseThrow(() -> new IllegalStateException("Auto-reply: no account '" + accountId + "'"));
    }
}
