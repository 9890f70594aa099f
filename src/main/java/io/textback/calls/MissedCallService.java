package io.textback.calls;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import io.textback.accounts.Account;
import io.textback.recipes.RecipeStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
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
    private final RecipeStarter recipes;
    private final TransactionTemplate transaction;
    private final TransactionTemplate ownTransaction;

    MissedCallService(CallLog calls, RecipeStarter recipes, PlatformTransactionManager transactionManager) {
        this.calls = calls;
        this.recipes = recipes;
        this.transaction = new TransactionTemplate(transactionManager);
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
        calls.recordStart(Call.ringing(callSid, account.id(), caller, businessNumber, Instant.now()));
    }

    public Result callEnded(CallEnded call) {
        calls.recordStart(Call.ringing(call.callSid(), call.account().id(), call.caller(), call.businessNumber(),
                call.calledAt()));
        try {
            return transaction.execute(tx -> endOnce(call));
        } catch (RuntimeException e) {
            // Nothing was started; the call's record says why, and a repeated report may try again.
            String reason = "recipe '" + call.account().settings().recipeKey() + "' could not start: " + e.getMessage();
            log.error("Missed call {} to account {}: {}", call.callSid(), call.account().id(), reason, e);
            ownTransaction.executeWithoutResult(tx -> calls.note(call.callSid(), reason));
            return new Result(Outcome.RECIPE_FAILED_TO_START, null, reason);
        }
    }

    private Result endOnce(CallEnded call) {
        String status = call.status().toLowerCase(Locale.ROOT);
        if (!calls.end(call.callSid(), status, call.missed(), Instant.now())) {
            String existing = calls.find(call.callSid()).map(Call::processInstanceId).orElse(null);
            return new Result(Outcome.ALREADY_REPORTED, existing, "this call was already reported");
        }
        if (!call.missed()) {
            return new Result(Outcome.ANSWERED, null, null);
        }
        if (!call.account().settings().enabled()) {
            calls.note(call.callSid(), "missed; text-back is disabled for this account");
            return new Result(Outcome.TEXT_BACK_DISABLED, null, "text-back is disabled for this account");
        }
        String instanceId = recipes.startForMissedCall(call.account(), call.callSid(), call.caller(),
                call.businessNumber(), status, call.calledAt()).getId();
        calls.attachRecipe(call.callSid(), instanceId);
        return new Result(Outcome.STARTED, instanceId, null);
    }
}
