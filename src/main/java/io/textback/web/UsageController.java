package io.textback.web;

import io.textback.settings.SettingsService;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.time.ZoneOffset;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Messaging usage this calendar month (UTC), from the message log: every text handed to the
 * provider or simulated, test messages included. Refused, opted-out and unfinished attempts cost
 * nothing, so they are not counted.
 */
@RestController
@Tag(name = "Usage")
class UsageController {

    private final SettingsService settings;
    private final JdbcClient jdbc;

    UsageController(SettingsService settings, JdbcClient jdbc) {
        this.settings = settings;
        this.jdbc = jdbc;
    }

    record Usage(String accountId, String month, long texts, long segments, long simulatedTexts) {
    }

    @GetMapping("/api/accounts/{accountId}/usage")
    @Operation(summary = "Texts and SMS segments this month (UTC)")
    Usage usage(@PathVariable String accountId) {
        settings.account(accountId);
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        var start = Timestamp.from(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        var end = Timestamp.from(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        return jdbc.sql("select count(*), coalesce(sum(segments), 0),"
                        + " coalesce(sum(case when status = 'simulated' then 1 else 0 end), 0) from text_message"
                        + " where account_id = ? and created_at >= ? and created_at < ?"
                        + " and status in ('queued', 'sent', 'delivered', 'undelivered', 'simulated')")
                .params(accountId, start, end)
                .query((rs, n) -> new Usage(accountId, month.toString(), rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .single();
    }
}
