package io.textback.recipes;

import static io.textback.recipes.RecipeVariable.instant;
import static io.textback.recipes.RecipeVariable.string;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The second start contract: a text to one of an account's numbers starts the account's auto-reply
 * recipe through its message start event {@value #START_MESSAGE}, with these variables (the business
 * key is the texter's number). {@code receivedAt} is a date variable; instances started by earlier
 * versions hold it as an ISO-8601 text, which {@link #of} reads too.
 *
 * @param accountId      the account whose number was texted
 * @param caller         who texted (E.164)
 * @param businessNumber the account's number they texted (E.164)
 * @param body           the text as received
 * @param receivedAt     when it arrived
 */
public record InboundTextStart(String accountId, String caller, String businessNumber, String body,
                               Instant receivedAt) {

    /** The message a recipe's start event waits for to be started by a text. */
    public static final String START_MESSAGE = "InboundText";

    public static final RecipeVariable<String> ACCOUNT_ID = RecipeContract.ACCOUNT_ID;
    public static final RecipeVariable<String> CALLER = RecipeContract.CALLER;
    public static final RecipeVariable<String> BUSINESS_NUMBER = RecipeContract.BUSINESS_NUMBER;
    public static final RecipeVariable<String> BODY = string("body");
    public static final RecipeVariable<Instant> RECEIVED_AT = instant("receivedAt");

    public InboundTextStart {
        receivedAt = receivedAt == null ? null : receivedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The start variables, each with its engine type. */
    public VariableMap toVariables() {
        VariableMap variables = Variables.createVariables();
        ACCOUNT_ID.on(variables, accountId);
        CALLER.on(variables, caller);
        BUSINESS_NUMBER.on(variables, businessNumber);
        BODY.on(variables, body);
        RECEIVED_AT.on(variables, receivedAt);
        return variables;
    }

    /** What a running recipe (an execution, a listener's scope) was started with. */
    public static InboundTextStart of(VariableScope scope) {
        return new InboundTextStart(ACCOUNT_ID.from(scope).orElse(null), CALLER.from(scope).orElse(null),
                BUSINESS_NUMBER.from(scope).orElse(null), BODY.from(scope).orElse(null),
                RECEIVED_AT.from(scope).orElse(null));
    }

    /** What an instance was started with, from its variables ({@code RuntimeService#getVariables}). */
    public static InboundTextStart of(Map<String, ?> variables) {
        return new InboundTextStart(ACCOUNT_ID.from(variables).orElse(null), CALLER.from(variables).orElse(null),
                BUSINESS_NUMBER.from(variables).orElse(null), BODY.from(variables).orElse(null),
                RECEIVED_AT.from(variables).orElse(null));
    }
}
