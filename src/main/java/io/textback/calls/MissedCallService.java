package io.textback.calls;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.textback.accounts.Account;
import io.textback.contacts.ContactRepository;
import io.textback.system.CallLogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where every telephony source reports how a call ended. A missed call starts the account's
 * recipe once, however often the report is repeated; an answered one tells waiting recipes.
 */
@Service
public class MissedCallService {

    private static final Logger log = LoggerFactory.getLogger(MissedCallService.class);

    /** Dial outcomes that mean nobody on the team picked up. */
    public static final Set<String> MISSED_STATUSES = Set.of("no-answer", "busy", "failed", "canceled");

    private final CallLog calls;
    private final ContactRepository contacts;
    private final CallRecipes recipes;
    private final CallOutcomes outcomes;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    MissedCallService(CallLog calls, ContactRepository contacts, CallRecipes recipes,
                      CallOutcomes outcomes, PlatformTransactionManager transactionManager, MeterRegistry meters) {
        this.calls = calls;
        this.outcomes = outcomes;
        this.contacts = contacts;
        this.recipes = recipes;
        this.transaction = new TransactionTemplate(transactionManager);
        this.meters = meters;
    }

    public enum Outcome { STARTED, ALREADY_REPORTED, TEXT_BACK_DISABLED, ANSWERED, RECIPE_FAILED_TO_START }

    public record Result(Outcome outcome, String processInstanceId, String reason) {
    }

    public record CallEnded(Account account, String callSid, String caller, String businessNumber, String status,
                            Instant calledAt) {

        public boolean missed() {
            return MISSED_STATUSES.contains(status.toLowerCase(Locale.ROOT));
        }
    }

    /** Records a call that has started ringing the team. */
    public void ringing(Account account, String callSid, String caller, String businessNumber) {
        inOneTransaction(() -> {
            record(Call.ringing(callSid, account.id(), caller, businessNumber, Instant.now()));
            return null;
        });
    }

    /**
     * A call from the business to a customer was answered: recipes waiting to text that customer
     * learn they were reached. Repeated reports are harmless.
     */
    public int outboundCallAnswered(Account account, String callSid, String businessNumber, String customer) {
        var call = new Call(callSid, account.id(), customer, businessNumber, Call.OUTBOUND, "completed", false, null,
                null, null, Instant.now(), null);
        return inOneTransaction(() -> {
            calls.recordStart(call);
            calls.end(callSid, "completed", false, Instant.now());
            outcomes.record(callSid, CallOutcome.ANSWERED, null);
            return recipes.callAnswered(account.id(), customer);
        });
    }

    public Result callEnded(CallEnded call) {
        CallLogContext.call(call.callSid(), call.account().id());
        Result result = endAndRecord(call);
        report(call, result);
        return result;
    }

    /** Counted and logged once a report is taken (a repeated one is not): missed calls by reason, recipes by key. */
    private void report(CallEnded call, Result result) {
        if (!call.missed() || result.outcome() == Outcome.ALREADY_REPORTED) {
            return;
        }
        String outcome = result.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-');
        meters.counter("textback.calls.missed", "reason", call.status().toLowerCase(Locale.ROOT), "outcome", outcome)
                .increment();
        if (result.outcome() == Outcome.STARTED) {
            String recipe = call.account().settings().recipeKey();
            meters.counter("textback.recipes.started", "recipe", recipe).increment();
            CallLogContext.processInstance(result.processInstanceId());
            log.info("Missed call from {} to {} ({}): recipe '{}' started", call.caller(), call.businessNumber(),
                    call.status(), recipe);
        } else {
            log.info("Missed call from {} to {} ({}): {}", call.caller(), call.businessNumber(), call.status(),
                    result.reason());
        }
    }

    private Result endAndRecord(CallEnded call) {
        Call ringing = Call.ringing(call.callSid(), call.account().id(), call.caller(), call.businessNumber(),
                call.calledAt());
        try {
            return inOneTransaction(() -> {
                return endOnce(call, record(ringing));
            });
        } catch (RuntimeException e) {
            // Nothing was started; the call's record says why, and a repeated report may try again.
            String reason = "recipe '" + call.account().settings().recipeKey() + "' could not start: " + e.getMessage();
            log.error("Missed call {} to account {}: {}", call.callSid(), call.account().id(), reason, e);
            inOneTransaction(() -> {
                record(ringing);
                calls.note(call.callSid(), reason);
                outcomes.record(call.callSid(), CallOutcome.FAILED, reason);
                return null;
            });
            return new Result(Outcome.RECIPE_FAILED_TO_START, null, reason);
        }
    }

    /**
     * One commit for everything a webhook writes. A concurrent report of the same call, or a first
     * call of the same new caller, can win the race to insert; then the work runs once more and
     * finds their rows.
     */
    private <T> T inOneTransaction(Supplier<T> work) {
        try {
            return transaction.execute(tx -> work.get());
        } catch (DuplicateKeyException raced) {
            return transaction.execute(tx -> work.get());
        }
    }

    /** Records the call and its caller; returns when the call began to ring. */
    private Instant record(Call call) {
        Instant startedAt = calls.recordStart(call);
        contacts.recordCall(call.accountId(), call.caller(), call.startedAt());
        return startedAt;
    }

    private Result endOnce(CallEnded call, Instant startedAt) {
        String status = call.status().toLowerCase(Locale.ROOT);
        if (!calls.end(call.callSid(), status, call.missed(), Instant.now())) {
            String existing = calls.find(call.callSid()).map(Call::processInstanceId).orElse(null);
            return new Result(Outcome.ALREADY_REPORTED, existing, "this call was already reported");
        }
        if (!call.missed()) {
            outcomes.record(call.callSid(), CallOutcome.ANSWERED, null);
            recipes.callAnswered(call.account().id(), call.caller());
            return new Result(Outcome.ANSWERED, null, null);
        }
        if (!call.account().settings().enabled()) {
            calls.note(call.callSid(), "missed; text-back is disabled for this account");
            outcomes.record(call.callSid(), CallOutcome.TEXT_BACK_OFF, "text-back is disabled for this account");
            return new Result(Outcome.TEXT_BACK_DISABLED, null, "text-back is disabled for this account");
        }
        // Before the start: a recipe may decide its outcome (and end) within the start itself.
        outcomes.record(call.callSid(), CallOutcome.RUNNING, null);
        // The recipe's calledAt is when the call began to ring, the time that windows of repeat calls count from.
        String instanceId = recipes.startForMissedCall(call.account(), call.callSid(), call.caller(),
                call.businessNumber(), status, startedAt);
        calls.attachRecipe(call.callSid(), instanceId);
        return new Result(Outcome.STARTED, instanceId, null);
    }
}
