package io.textback.recipes;

import static io.textback.recipes.RecipeVariable.bool;
import static io.textback.recipes.RecipeVariable.instant;
import static io.textback.recipes.RecipeVariable.integer;
import static io.textback.recipes.RecipeVariable.longInteger;
import static io.textback.recipes.RecipeVariable.string;

import java.time.Instant;

/**
 * What every recipe may rely on, and the one place in Java that names it: the variables that both
 * starts share ({@link MissedCallStart} for a missed call, {@link InboundTextStart} for a text to the
 * business), the messages a recipe may wait for (correlated by {@link #ACCOUNT_ID} and
 * {@link #CALLER}), and the variables the tasks set for the recipe's gateways and timers. BPMN files
 * use the same names in their expressions.
 */
public final class RecipeContract {

    /** The account whose number was called or texted. */
    public static final RecipeVariable<String> ACCOUNT_ID = string("accountId");
    /** Who called or texted (E.164). */
    public static final RecipeVariable<String> CALLER = string("caller");
    /** The account's number they called or texted (E.164). */
    public static final RecipeVariable<String> BUSINESS_NUMBER = string("businessNumber");

    /** The caller got through on a later call, or the business called them back. */
    public static final String MESSAGE_CALL_ANSWERED = "CallAnswered";
    /** The caller texted the business. */
    public static final String MESSAGE_TEXT_RECEIVED = "TextReceived";

    /** Set by "Send text": the text's status in the message log ("queued", "failed", ...). */
    public static final RecipeVariable<String> TEXT_STATUS = string("textStatus");
    /** Set by "Send text": the text's id in the message log. */
    public static final RecipeVariable<Long> TEXT_MESSAGE_ID = longInteger("textMessageId");

    /** Set by "Tag caller": this call's number among the caller's calls in the window (1 = first). */
    public static final RecipeVariable<Integer> CALL_NUMBER_IN_WINDOW = integer("callNumberInWindow");
    /** Set by "Tag caller": the tag it gave the contact ("1st call", "2nd call", "3rd+ call"). */
    public static final RecipeVariable<String> CALLER_TAG = string("callerTag");

    /** Set by "Business hours?": whether the account is open now. */
    public static final RecipeVariable<Boolean> IN_BUSINESS_HOURS = bool("inBusinessHours");
    /** Set by "Business hours?": when the account next opens after now (now itself if it never opens). */
    public static final RecipeVariable<Instant> NEXT_OPENING = instant("nextOpening");

    private RecipeContract() {
    }
}
