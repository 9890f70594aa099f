package io.textback.web;

import io.textback.calls.CallListing;
import io.textback.calls.CallOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.textback.accounts.AccountRepository;
import io.textback.system.InvalidInput;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every call with what became of it: the owner's answer to "why did this caller get no text?". */
@RestController
class CallsController {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;
    // What the provider did with a text; a text the rules stopped shows in the outcome instead.
    static final Set<String> TEXT_STATUSES = Set.of("queued", "sent", "delivered", "undelivered", "failed", "simulated");

    private final CallListing listing;
    private final AccountRepository accounts;

    CallsController(CallListing listing, AccountRepository accounts) {
        this.listing = listing;
        this.accounts = accounts;
    }

    record ContactName(String firstName, String lastName, String name) {
    }

    record CallView(String callSid, String accountId, String caller, ContactName contact, String businessNumber,
                    String direction, String status, boolean missed, Instant startedAt, Instant endedAt,
                    String outcome, String outcomeDetail, Instant dueAt, Instant textedAt, String textStatus,
                    Long textMessageId, String recordingUrl, String processInstanceId, String cockpitUrl) {
    }

    record CallPage(int page, int size, long total, List<CallView> calls) {
    }

    @GetMapping("/api/calls")
    @Operation(summary = "Calls, newest first, with their outcome",
            description = "Outcome codes: texted, waiting, held-quiet-hours, answered, text-back-off, repeat-call,"
                    + " reached-during-wait, caller-texted-first, opted-out, limit-reached, landline, invalid-number,"
                    + " twilio-refused, failed, no-text, running. A call still ringing has none yet.")
    CallPage list(@Parameter(description = "only this account's calls") @RequestParam(required = false) String accountId,
                  @Parameter(description = "only calls with this outcome code") @RequestParam(required = false)
                  String outcome,
                  @Parameter(description = "calls started at or after: an ISO-8601 date (UTC) or instant")
                  @RequestParam(required = false) String from,
                  @Parameter(description = "calls started before the end of this ISO-8601 date (UTC), or before"
                          + " this instant") @RequestParam(required = false) String to,
                  @Parameter(description = "page number, from 0") @RequestParam(required = false) String page,
                  @Parameter(description = "calls per page, 1 to 200 (default 50)") @RequestParam(required = false)
                  String size) {
        if (accountId != null && !accounts.exists(accountId)) {
            throw new InvalidInput("accountId", "no account '" + accountId + "'");
        }
        CallOutcome wanted = outcome == null || outcome.isBlank() ? null : CallOutcome.fromCode(outcome.trim())
                .orElseThrow(() -> new InvalidInput("outcome", "must be one of " + CallOutcome.codes()));
        Instant fromInstant = instant("from", from, false);
        Instant toInstant = instant("to", to, true);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw new InvalidInput("to", "must be after from");
        }
        int pageNumber = number("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE);
        int pageSize = number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        var found = listing.find(new CallListing.Filter(accountId, wanted, fromInstant, toInstant), pageNumber,
                pageSize);
        return new CallPage(pageNumber, pageSize, found.total(), found.rows().stream().map(CallsController::view)
                .toList());
    }

    private static CallView view(CallListing.Row row) {
        boolean named = row.firstName() != null || row.lastName() != null;
        String name = ((row.firstName() == null ? "" : row.firstName()) + " "
                + (row.lastName() == null ? "" : row.lastName())).trim();
        boolean texted = CallOutcome.TEXTED.code().equals(row.outcome());
        return new CallView(row.callSid(), row.accountId(), row.caller(),
                named ? new ContactName(row.firstName(), row.lastName(), name) : null, row.businessNumber(),
                row.direction(), row.status(), row.missed(), row.startedAt(), row.endedAt(), row.outcome(),
                row.outcomeDetail(), row.dueAt(), texted ? row.textCreatedAt() : null,
                row.textStatus() != null && TEXT_STATUSES.contains(row.textStatus()) ? row.textStatus() : null,
                row.textMessageId(), row.recordingUrl(), row.processInstanceId(),
                row.processInstanceId() == null ? null
                        : "/camunda/app/cockpit/default/#/process-instance/" + row.processInstanceId() + "/runtime");
    }

    /** A date means its whole day in UTC: "from" its start, "to" its end. */
    private static Instant instant(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, "must be an ISO-8601 date (2026-11-27) or instant"
                    + " (2026-11-27T13:00:00Z), was '" + value + "'");
        }
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, with the allowed range
        }
        throw new InvalidInput(field, "must be a whole number from " + min + " to " + max + ", was '" + value
                + "'");
    }
}
