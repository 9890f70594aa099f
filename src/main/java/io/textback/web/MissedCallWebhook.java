package io.textback.web;

import io.textback.calls.MissedCallService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.system.PhoneNumbers;
import io.textback.system.InvalidInput;
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
            @NotBlank(message = InvalidInput.REQUIRED) @Size(max = 64, message = InvalidInput.AT_MOST_MAX_CHARACTERS)
            @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may hold only letters, digits and . _ : -")
            String callId,
            @NotBlank(message = InvalidInput.REQUIRED) String from,
            @NotBlank(message = InvalidInput.REQUIRED) String to,
            @Size(max = 32, message = InvalidInput.AT_MOST_MAX_CHARACTERS)
            @Pattern(regexp = "[a-z-]+", message = "must be lowercase words joined by dashes, like no-answer")
            String reason,
            @Pattern(regexp = "inbound|outbound", message = "must be inbound or outbound") String direction,
            Boolean answered) {

        boolean outbound() {
            return "outbound".equals(direction);
        }
    }

    @PostMapping("/api/missed-calls")
    ResponseEntity<?> report(@Valid @RequestBody MissedCallReport report) {
        var errors = new InvalidInput.Errors();
        String from = errors.check(() -> PhoneNumbers.toE164("from", report.from()));
        String to = errors.check(() -> PhoneNumbers.toE164("to", report.to()));
        errors.throwIfAny();
        if (report.outbound()) {
            return outboundCall(report, from, to);
        }
        String caller = from;
        String number = to;
        Account account = accounts.findByNumber(number)
                .orElseThrow(() -> new InvalidInput("to", number + " is not a number of any account"));
        if (Boolean.TRUE.equals(report.answered())) {
            var result = missedCalls.callEnded(new MissedCallService.CallEnded(account, report.callId(), caller,
                    number, "completed", Instant.now()));
            return ResponseEntity.accepted().body(body(report, account, result));
        }
        String reason = report.reason() == null ? "no-answer" : report.reason();
        if (!MissedCallService.MISSED_STATUSES.contains(reason)) {
            throw new InvalidInput("reason", "must be one of " + MissedCallService.MISSED_STATUSES);
        }
        var result = missedCalls.callEnded(new MissedCallService.CallEnded(account, report.callId(), caller, number,
                reason, Instant.now()));
        if (result.outcome() == MissedCallService.Outcome.RECIPE_FAILED_TO_START) {
            // The call is recorded with the reason; the answer is an error like any other, with the call's fields.
            var problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, result.reason());
            body(report, account, result).forEach(problem::setProperty);
            return Problems.answer(problem);
        }
        HttpStatus status = result.outcome() == MissedCallService.Outcome.ALREADY_REPORTED ? HttpStatus.OK
                : HttpStatus.ACCEPTED;
        return ResponseEntity.status(status).body(body(report, account, result));
    }

    /** The business called a customer back ({@code from} is the business's number); answered, waiting recipes stop. */
    private ResponseEntity<Map<String, Object>> outboundCall(MissedCallReport report, String from, String to) {
        Account account = accounts.findByNumber(from)
                .orElseThrow(() -> new InvalidInput("from", from + " is not a number of any account"));
        var body = new LinkedHashMap<String, Object>();
        body.put("callId", report.callId());
        body.put("accountId", account.id());
        if (Boolean.TRUE.equals(report.answered())) {
            body.put("outcome", "answered");
            body.put("recipesNotified", missedCalls.outboundCallAnswered(account, report.callId(), from, to));
        } else {
            body.put("outcome", "not-answered");
        }
        return ResponseEntity.accepted().body(body);
    }

    private static Map<String, Object> body(MissedCallReport report, Account account, MissedCallService.Result result) {
        var body = new LinkedHashMap<String, Object>();
        body.put("callId", report.callId());
        body.put("accountId", account.id());
        body.put("outcome", result.outcome().name().toLowerCase().replace('_', '-'));
        body.put("processInstanceId", result.processInstanceId());
        if (result.reason() != null) {
            body.put("reason", result.reason());
        }
        return body;
    }
}
