package io.textback.calls;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.system.BadRequestException;
import io.textback.system.PhoneNumbers;
import io.textback.system.PhoneNumbers.InvalidPhoneNumberException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The generic webhook: any phone system (a PBX, a call-tracking service, a script) reports a
 * missed call here, guarded by the API key, and gets the same recipe as a Twilio call.
 */
@RestController
class MissedCallWebhook {

    private final AccountRepository accounts;
    private final MissedCallService missedCalls;

    MissedCallWebhook(AccountRepository accounts, MissedCallService missedCalls) {
        this.accounts = accounts;
        this.missedCalls = missedCalls;
    }

    record MissedCallReport(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may hold only letters, digits and . _ : -")
            String callId,
            @NotBlank String from,
            @NotBlank String to,
            @Size(max = 32) @Pattern(regexp = "[a-z-]+", message = "must be lowercase words joined by dashes, like no-answer")
            String reason) {
    }

    @PostMapping("/api/missed-calls")
    ResponseEntity<Map<String, Object>> report(@Valid @RequestBody MissedCallReport report) {
        String caller = e164("from", report.from());
        String number = e164("to", report.to());
        Account account = accounts.findByNumber(number)
                .orElseThrow(() -> new BadRequestException("to", number + " is not a number of any account"));
        String reason = report.reason() == null ? "no-answer" : report.reason();
        if (!MissedCallService.MISSED_STATUSES.contains(reason)) {
            throw new BadRequestException("reason", "must be one of " + MissedCallService.MISSED_STATUSES);
        }
        var result = missedCalls.callEnded(new MissedCallService.CallEnded(account, report.callId(), caller, number,
                reason, Instant.now()));
        var body = new LinkedHashMap<String, Object>();
        body.put("callId", report.callId());
        body.put("accountId", account.id());
        body.put("outcome", result.outcome().name().toLowerCase().replace('_', '-'));
        body.put("processInstanceId", result.processInstanceId());
        if (result.reason() != null) {
            body.put("reason", result.reason());
        }
        HttpStatus status = switch (result.outcome()) {
            case ALREADY_REPORTED -> HttpStatus.OK;
            case RECIPE_FAILED_TO_START -> HttpStatus.INTERNAL_SERVER_ERROR;
            default -> HttpStatus.ACCEPTED;
        };
        return ResponseEntity.status(status).body(body);
    }

    private static String e164(String field, String raw) {
        try {
            return PhoneNumbers.toE164(raw);
        } catch (InvalidPhoneNumberException e) {
            throw new BadRequestException(field, e.getMessage());
        }
    }
}
