package io.textback.hours;

import java.time.Instant;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.messaging.AccountMergeFields;
import io.textback.messaging.MessageTemplate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * An account's business hours as recipes see them, by the engine's clock (which tests move), and the
 * merge field {@code {{business.opens_at}}}.
 */
@Component
public class BusinessHoursCheck implements AccountMergeFields {

    private final AccountRepository accounts;
    private final BusinessHoursRepository hours;

    BusinessHoursCheck(AccountRepository accounts, BusinessHoursRepository hours) {
        this.accounts = accounts;
        this.hours = hours;
    }

    public BusinessHours hoursOf(Account account) {
        return hours.forAccount(account);
    }

    @Override
    public Map<String, String> fields(Account account) {
        return Map.of(MessageTemplate.BUSINESS_OPENS_AT, hoursOf(account).opensAtText(now()));
    }

    public Account account(String accountId) {
        return accounts.findById(accountId)
                .orElseThrow(() -> new IllegalStateException("Business hours: no account '" + accountId + "'"));
    }

    public static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
