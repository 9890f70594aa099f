package io.textback.recipes;

import java.time.Instant;

import io.textback.accounts.Account;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Starts an account's recipe for a missed call, with the variables of the recipe contract. */
@Component
public class RecipeStarter {

    private final RuntimeService runtime;

    RecipeStarter(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** The new instance; its business key is the call's id, so Cockpit finds a recipe by CallSid. */
    public ProcessInstance startForMissedCall(Account account, String callSid, String caller, String businessNumber,
                                     String missedReason, Instant calledAt) {
        var variables = Variables.createVariables()
                .putValue(RecipeContract.CALL_SID, callSid)
                .putValue(RecipeContract.ACCOUNT_ID, account.id())
                .putValue(RecipeContract.CALLER, caller)
                .putValue(RecipeContract.BUSINESS_NUMBER, businessNumber)
                .putValue(RecipeContract.MISSED_REASON, missedReason)
                .putValue(RecipeContract.CALLED_AT, calledAt.toString());
        return runtime.createProcessInstanceByKey(account.settings().recipeKey())
                .businessKey(callSid)
                .setVariables(variables)
                .execute();
    }
}
