package io.textback.web;

import io.textback.settings.SettingsService;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.messaging.SendingPolicy;
import io.textback.messaging.SendingRules;
import io.textback.messaging.SendingRulesRepository;
import io.textback.system.InvalidInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An account's monthly messaging limit (with this month's usage against it), line-type check and quiet hours. */
@RestController
@Tag(name = "Sending rules", description = "Monthly limit, landline check and quiet hours of one account")
class SendingRulesController {

    static final int MAX_MONTHLY_LIMIT = 1_000_000;
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

    private final SettingsService settings;
    private final SendingRulesRepository rules;
    private final SendingPolicy policy;

    SendingRulesController(SettingsService settings, SendingRulesRepository rules, SendingPolicy policy) {
        this.settings = settings;
        this.rules = rules;
        this.policy = policy;
    }

    record RulesForm(Integer monthlyLimit, Boolean lineTypeCheck, Boolean quietHours, String quietHoursFrom,
                     String quietHoursUntil, String timeZone) {
    }

    record MonthlyUsage(String month, long texts, Integer limit) {
    }

    record Rules(String accountId, Integer monthlyLimit, boolean lineTypeCheck, boolean quietHours,
                 String quietHoursFrom, String quietHoursUntil, String timeZone, MonthlyUsage usage) {
    }

    @GetMapping("/api/accounts/{accountId}/sending-rules")
    @Operation(summary = "The account's sending rules and this month's texts against its limit")
    Rules get(@PathVariable String accountId) {
        settings.account(accountId);
        return view(accountId, rules.find(accountId));
    }

    @PutMapping("/api/accounts/{accountId}/sending-rules")
    @Operation(summary = "Replace the account's sending rules",
            description = "monthlyLimit null = no limit; quiet hours as HH:mm in the caller's local time;"
                    + " timeZone (for numbers in several zones) null = the zone of the account's default number")
    Rules put(@PathVariable String accountId, @RequestBody RulesForm form) {
        settings.account(accountId);
        var errors = new InvalidInput.Errors();
        if (form.monthlyLimit() != null && (form.monthlyLimit() < 1 || form.monthlyLimit() > MAX_MONTHLY_LIMIT)) {
            errors.add("monthlyLimit", "must be 1 to " + MAX_MONTHLY_LIMIT + ", or empty for no limit");
        }
        if (form.lineTypeCheck() == null) {
            errors.add("lineTypeCheck", InvalidInput.REQUIRED);
        }
        if (form.quietHours() == null) {
            errors.add("quietHours", InvalidInput.REQUIRED);
        }
        LocalTime from = time("quietHoursFrom", form.quietHoursFrom(), SendingRules.DEFAULT_QUIET_FROM, errors);
        LocalTime until = time("quietHoursUntil", form.quietHoursUntil(), SendingRules.DEFAULT_QUIET_UNTIL, errors);
        if (from != null && from.equals(until)) {
            errors.add("quietHoursUntil", "must differ from the start of quiet hours");
        }
        String zone = form.timeZone() == null || form.timeZone().isBlank() ? null : form.timeZone().trim();
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                errors.add("timeZone", Wordings.notATimeZone(zone));
            }
        }
        errors.throwIfAny();
        var saved = new SendingRules(form.monthlyLimit(), form.lineTypeCheck(), form.quietHours(), from, until, zone);
        rules.save(accountId, saved);
        return view(accountId, saved);
    }

    private Rules view(String accountId, SendingRules r) {
        var usage = new MonthlyUsage(YearMonth.now(ZoneOffset.UTC).toString(), policy.textsThisMonth(accountId),
                r.monthlyLimit());
        return new Rules(accountId, r.monthlyLimit(), r.lineTypeCheck(), r.quietHours(), HOURS.format(r.quietFrom()),
                HOURS.format(r.quietUntil()), r.timeZone(), usage);
    }

    private static LocalTime time(String field, String value, LocalTime fallback, InvalidInput.Errors errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalTime.parse(value.trim(), HOURS);
        } catch (DateTimeException e) {
            errors.add(field, Wordings.notATime(value));
            return null;
        }
    }
}
