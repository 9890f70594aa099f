package io.textback.web;

import io.textback.funnel.RecoveryFunnel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.accounts.AccountRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.textback.system.InvalidInput;

/** The recovery funnel: missed → texted → delivered → replied → reached, in total and per day. */
@RestController
@Tag(name = "Recovery funnel")
class FunnelController {

    static final int MAX_DAYS = 366;

    private final RecoveryFunnel funnel;
    private final AccountRepository accounts;

    FunnelController(RecoveryFunnel funnel, AccountRepository accounts) {
        this.funnel = funnel;
        this.accounts = accounts;
    }

    @GetMapping("/api/accounts/{accountId}/funnel")
    @Operation(summary = "Missed calls of the last `days` days (UTC, today included) and how many were texted,"
            + " delivered, replied to and reached; rates are shares of the missed calls")
    RecoveryFunnel.Funnel funnel(@PathVariable String accountId, @RequestParam(defaultValue = "30") String days) {
        accounts.requireExists(accountId);
        int n;
        try {
            n = Integer.parseInt(days.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInput("days", "must be a whole number of days, not '" + days + "'");
        }
        if (n < 1 || n > MAX_DAYS) {
            throw new InvalidInput("days", "must be between 1 and " + MAX_DAYS + ", not " + n);
        }
        return funnel.of(accountId, n);
    }
}
