package io.textback.messaging;

import java.sql.Timestamp;
import java.time.Instant;
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
    private final LineTypes lineTypes;
    private final LineTypeCache knownLineTypes;
    private final JdbcClient jdbc;

    SendingPolicy(SendingRulesRepository rules, LineTypes lineTypes, LineTypeCache knownLineTypes, JdbcClient jdbc) {
        this.rules = rules;
        this.lineTypes = lineTypes;
        this.knownLineTypes = knownLineTypes;
        this.jdbc = jdbc;
    }

    /**
     * Empty when the text may be sent; otherwise why not, as the message log records it. A number known to
     * be a landline is never texted; an unknown one is looked up first when the account checks line types
     * (after the limit, so that a text that would not go out anyway costs no lookup).
     */
    public Optional<SendResult> noTextBecause(Account account, String to) {
        SendingRules accountRules = rules.find(account.id());
        Integer limit = accountRules.monthlyLimit();
        if (limit != null && textsThisMonth(account.id()) >= limit) {
            return Optional.of(new SendResult(TextStatus.LIMIT_REACHED, null, null,
                    "the monthly messaging limit of " + limit + " texts is reached"));
        }
        String lineType = knownLineTypes.find(account.id(), to).orElse(null);
        if (lineType == null && accountRules.lineTypeCheck()) {
            lineType = lineTypes.lineType(to);
            if (lineType != null) {
                knownLineTypes.store(account.id(), to, lineType, Instant.now());
            }
        }
        if (LineTypes.LANDLINE.equals(lineType)) {
            return Optional.of(new SendResult(TextStatus.LANDLINE, null, null, to + " is a landline"));
        }
        return Optional.empty();
    }

    /** The provider refused a text (or reported it undeliverable): one that cannot receive texts is a landline. */
    public void refused(String accountId, String to, Refusal refusal) {
        if (refusal == Refusal.NOT_TEXTABLE) {
            knownLineTypes.store(accountId, to, LineTypes.LANDLINE, Instant.now());
        }
    }

    /** A delivery report's refusal for a text we sent, found by the provider's id for it. */
    void undelivered(String providerSid, Refusal refusal) {
        if (refusal == Refusal.NOT_TEXTABLE) {
            jdbc.sql("select account_id, to_number from text_message where provider_sid = ?").param(providerSid)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional()
                    .ifPresent(text -> refused(text[0], text[1], refusal));
        }
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
