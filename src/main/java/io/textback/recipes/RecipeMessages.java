package io.textback.recipes;

import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Tells every recipe instance waiting on a caller what happened, correlated by account and caller
 * as the recipe contract promises. Nothing waiting is fine: most calls have no recipe waiting.
 */
@Component
public class RecipeMessages {

    private final RuntimeService runtime;

    RecipeMessages(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /** The caller got through on a later call, or the business called them back and they answered. */
    public int callAnswered(String accountId, String caller) {
        return correlate(RecipeContract.MESSAGE_CALL_ANSWERED, accountId, caller);
    }

    /** The caller texted the business. */
    public int textReceived(String accountId, String caller) {
        return correlate(RecipeContract.MESSAGE_TEXT_RECEIVED, accountId, caller);
    }

    private int correlate(String message, String accountId, String caller) {
        return runtime.createMessageCorrelation(message)
                .processInstanceVariableEquals(RecipeContract.ACCOUNT_ID.name(), accountId)
                .processInstanceVariableEquals(RecipeContract.CALLER.name(), caller)
                .correlateAllWithResult()
                .size();
    }
}
