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
 * The variables a missed call starts a recipe with (its plain start event; the business key is the
 * CallSid). {@code calledAt} is a date variable, to the millisecond as the engine keeps dates;
 * instances started by earlier versions hold it as an ISO-8601 text, which {@link #of} reads too.
 * A variable a recipe was started without (from Cockpit, say) reads as null.
 *
 * @param callSid        the call's id at the telephony provider (Twilio's CallSid, or the PBX's)
 * @param accountId      the account whose number was called
 * @param caller         who called (E.164)
 * @param businessNumber the account's number they called (E.164)
 * @param missedReason   why nobody answered: no-answer, busy, failed, canceled, ...
 * @param calledAt       when the call began to ring
 */
public record MissedCallStart(String callSid, String accountId, String caller, String businessNumber,
                              String missedReason, Instant calledAt) {

    public static final RecipeVariable<String> CALL_SID = string("callSid");
    public static final RecipeVariable<String> ACCOUNT_ID = RecipeContract.ACCOUNT_ID;
    public static final RecipeVariable<String> CALLER = RecipeContract.CALLER;
    public static final RecipeVariable<String> BUSINESS_NUMBER = RecipeContract.BUSINESS_NUMBER;
    public static final RecipeVariable<String> MISSED_REASON = string("missedReason");
    public static final RecipeVariable<Instant> CALLED_AT = instant("calledAt");

    public MissedCallStart {
        calledAt = calledAt == null ? null : calledAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The start variables, each with its engine type. */
    public VariableMap toVariables() {
        VariableMap variables = Variables.createVariables();
        CALL_SID.on(variables, callSid);
        ACCOUNT_ID.on(variables, accountId);
        CALLER.on(variables, caller);
        BUSINESS_NUMBER.on(variables, businessNumber);
        MISSED_REASON.on(variables, missedReason);
        CALLED_AT.on(variables, calledAt);
        return variables;
    }

    /** What a running recipe (an execution, a listener's scope) was started with. */
    public static MissedCallStart of(VariableScope scope) {
        return new MissedCallStart(CALL_SID.from(scope).orElse(null), ACCOUNT_ID.from(scope).orElse(null),
                CALLER.from(scope).orElse(null), BUSINESS_NUMBER.from(scope).orElse(null),
                MISSED_REASON.from(scope).orElse(null), CALLED_AT.from(scope).orElse(null));
    }

    /** What an instance was started with, from its variables ({@code RuntimeService#getVariables}). */
    public static MissedCallStart of(Map<String, ?> variables) {
        return new MissedCallStart(CALL_SID.from(variables).orElse(null), ACCOUNT_ID.from(variables).orElse(null),
                CALLER.from(variables).orElse(null), BUSINESS_NUMBER.from(variables).orElse(null),
                MISSED_REASON.from(variables).orElse(null), CALLED_AT.from(variables).orElse(null));
    }
}
