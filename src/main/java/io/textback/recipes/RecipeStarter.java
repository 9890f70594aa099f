package io.textback.recipes;

import java.time.Instant;

import io.textback.accounts.Account;
import io.textback.calls.CallRecipes;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The recipes' side of a call: starts an account's recipe for a missed call, with the variables of
 * {@link MissedCallStart}, and passes an answered call on to the recipes waiting on that caller.
 */
@Component
public class RecipeStarter implements CallRecipes {

    private final RuntimeService runtime;
    private final RecipeMessages messages;

    RecipeStarter(RuntimeService runtime, RecipeMessages messages) {
        this.runtime = runtime;
        this.messages = messages;
    }

    @Override
    public String startForMissedCall(Account account, String callSid, String caller, String businessNumber,
                                     String missedReason, Instant calledAt) {
        return start(account, callSid, caller, businessNumber, missedReason, calledAt).getId();
    }

    /** The new instance; its business key is the call's id, so Cockpit finds a recipe by CallSid. */
    public ProcessInstance start(Account account, String callSid, String caller, String businessNumber,
                                 String missedReason, Instant calledAt) {
        var start = new MissedCallStart(callSid, account.id(), caller, businessNumber, missedReason, calledAt);
        return runtime.createProcessInstanceByKey(account.settings().recipeKey())
                .businessKey(callSid)
                .setVariables(start.toVariables())
                .execute();
    }

    @Override
    public int callAnswered(String accountId, String caller) {
        return messages.callAnswered(accountId, caller);
    }
}
