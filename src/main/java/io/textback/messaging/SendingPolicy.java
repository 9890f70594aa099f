package io.textback.messaging;

import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

import io.textback.accounts.Account;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a text may go out now under the account's rules; if not, the reason, recorded in the
 * message log in place of a send. Asked by every send, recipe texts and test messages alike.
 */
@Component
public class SendingPolicy {

    private final SendingRulesRepository rules;
    private final JdbcClient jdbc;

    SendingPolicy(SendingRulesRepository rules, JdbcClient jdbc) {
        this.rules = rules;
        this.jdbc = jdbc;
    }

    /** Empty when the text may be sent; otherwise why not, as the message log records it. */
    public Optional<SendResult> noTextBecause(Account account, String to) {
        Integer limit = rules.find(account.id()).monthlyLimit();
        if (limit != null && textsThisMonth(account.id()) >= limit) {
            return Optional.of(new SendResult(TextStatus.LIMIT_REACHED, null, null,
                    "the monthly messaging limit of " + limit + " texts is reached"));
        }
        return Optional.empty();
    }

    /**
     * Texts of this calendar month (UTC) that a provider accepted or that were simulated, as usage counts
     * them. Texts still being sent are not counted, so sends running at the same moment may each pass.
     */
    public long textsThisMonth(String accountId) {
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        return jdbc.sql("select count(*) from text_message where account_id = ? and created_at >= ?"
                        + " and created_at < ? and status in ('queued', 'sent', 'delivered', 'undelivered', 'simulated')")
                .params(accountId, Timestamp.from(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)),
                        Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)))
                .query(Long.class).single();
    }
}
