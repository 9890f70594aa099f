package io.textback.recipes;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.messaging.CallerTimeZones;
import io.textback.messaging.SendingRules;
import io.textback.messaging.SendingRulesRepository;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Lets a recipe hold its text during the account's quiet hours, in the caller's local time:
 * {@code ${quietHours.now(accountId, caller)}} at a gateway, then a timer until
 * {@code ${quietHours.end(accountId, caller)}}. Accounts without quiet hours are never held.
 * Quiet hours are wall-clock times: TEXTBACK_RECIPE_TIME_SCALE does not shrink them.
 */
@Component("quietHours")
public class QuietHours {

    private final AccountRepository accounts;
    private final SendingRulesRepository rules;
    private final CallerTimeZones zones;

    QuietHours(AccountRepository accounts, SendingRulesRepository rules, CallerTimeZones zones) {
        this.accounts = accounts;
        this.rules = rules;
        this.zones = zones;
    }

    /** Whether it is quiet hours for this caller now (by the engine's clock). */
    public boolean now(String accountId, String caller) {
        SendingRules r = rules.find(accountId);
        return r.quietHours() && within(localNow(accountId, caller).toLocalTime(), r.quietFrom(), r.quietUntil());
    }

    /** When the caller's quiet hours end: the next time their clock shows the end of quiet hours. */
    public Date end(String accountId, String caller) {
        SendingRules r = rules.find(accountId);
        ZonedDateTime local = localNow(accountId, caller);
        ZonedDateTime end = local.toLocalDate().atTime(r.quietUntil()).atZone(local.getZone());
        if (!end.isAfter(local)) {
            end = local.toLocalDate().plusDays(1).atTime(r.quietUntil()).atZone(local.getZone());
        }
        return Date.from(end.toInstant());
    }

    static boolean within(LocalTime time, LocalTime from, LocalTime until) {
        return from.isBefore(until) ? !time.isBefore(from) && time.isBefore(until)
                : !time.isBefore(from) || time.isBefore(until);
    }

    private ZonedDateTime localNow(String accountId, String caller) {
        Account account = accounts.findById(accountId)
                .orElseThrow(() -> new ProcessEngineException("Quiet hours: no account '" + accountId + "'"));
        Instant now = ClockUtil.getCurrentTime().toInstant();
        return now.atZone(zones.of(account, caller));
    }
}
