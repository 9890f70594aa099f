package io.textback.web;

import io.textback.settings.SettingsService;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.accounts.Account;
import io.textback.calls.MissedCallService;
import io.textback.system.PhoneNumbers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** "Simulate a missed call": the account's recipe starts as if a caller had rung its number and hung up. */
@RestController
@Tag(name = "Simulated calls")
class SimulatedCallController {

    private final SettingsService settings;
    private final MissedCallService missedCalls;

    SimulatedCallController(SettingsService settings, MissedCallService missedCalls) {
        this.settings = settings;
        this.missedCalls = missedCalls;
    }

    record SimulatedCall(String from) {
    }

    record SimulatedCallOutcome(String callId, String from, String to, String outcome, String processInstanceId,
                                String reason) {
    }

    @PostMapping("/api/accounts/{accountId}/simulated-calls")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Report a missed call from this number to the account's default number")
    SimulatedCallOutcome simulate(@PathVariable String accountId, @RequestBody SimulatedCall call) {
        Account account = settings.account(accountId);
        String from = PhoneNumbers.toE164("from", call.from());
        String callId = "SIM" + UUID.randomUUID().toString().replace("-", "");
        var result = missedCalls.callEnded(new MissedCallService.CallEnded(account, callId, from,
                account.defaultNumber(), "no-answer", Instant.now()));
        return new SimulatedCallOutcome(callId, from, account.defaultNumber(),
                result.outcome().name().toLowerCase().replace('_', '-'), result.processInstanceId(), result.reason());
    }
}
