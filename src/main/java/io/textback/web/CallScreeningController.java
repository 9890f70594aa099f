package io.textback.web;

import io.textback.calls.CallScreening;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.accounts.AccountRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import io.textback.system.InvalidInput;

/** The account setting "Confirm answered calls". */
@RestController
@Tag(name = "Call screening", description = "Whether a team member must press 1 for a call to count as answered")
class CallScreeningController {

    private final AccountRepository accounts;
    private final CallScreening screening;

    CallScreeningController(AccountRepository accounts, CallScreening screening) {
        this.accounts = accounts;
        this.screening = screening;
    }

    record Setting(Boolean confirmAnsweredCalls) {
    }

    @GetMapping("/api/accounts/{accountId}/call-screening")
    @Operation(summary = "Whether forwarded calls must be confirmed by pressing 1 to count as answered")
    Setting get(@PathVariable String accountId) {
        accounts.requireExists(accountId);
        return new Setting(screening.enabled(accountId));
    }

    @PutMapping("/api/accounts/{accountId}/call-screening")
    @Operation(summary = "Switch confirming answered calls on or off; applies from the next incoming call")
    Setting save(@PathVariable String accountId, @RequestBody Setting setting) {
        accounts.requireExists(accountId);
        if (setting.confirmAnsweredCalls() == null) {
            throw new InvalidInput("confirmAnsweredCalls", InvalidInput.REQUIRED);
        }
        screening.setEnabled(accountId, setting.confirmAnsweredCalls());
        return new Setting(screening.enabled(accountId));
    }
}
