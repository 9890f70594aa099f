package io.textback.recipes;

/**
 * What every recipe may rely on: the variables a missed call starts it with and the messages it
 * may wait for (correlated by {@link #ACCOUNT_ID} and {@link #CALLER}). BPMN files and Java share
 * these names through this class, so neither can drift silently.
 */
public final class RecipeContract {

    public static final String CALL_SID = "callSid";
    public static final String ACCOUNT_ID = "accountId";
    public static final String CALLER = "caller";
    public static final String BUSINESS_NUMBER = "businessNumber";
    public static final String MISSED_REASON = "missedReason";
    public static final String CALLED_AT = "calledAt";

    /** The caller got through on a later call, or the business called them back. */
    public static final String MESSAGE_CALL_ANSWERED = "CallAnswered";
    /** The caller texted the business. */
    public static final String MESSAGE_TEXT_RECEIVED = "TextReceived";

    /** Set by "Send text": the text's status in the message log, and its id there. */
    public static final String TEXT_STATUS = "textStatus";
    public static final String TEXT_MESSAGE_ID = "textMessageId";

    /** Set by "Tag caller": this call's number among the caller's calls in the window (1 = first), and its tag. */
    public static final String CALL_NUMBER_IN_WINDOW = "callNumberInWindow";
    public static final String CALLER_TAG = "callerTag";

    /** Set by "Business hours?": whether the account is open now, and when it next opens (ISO-8601). */
    public static final String IN_BUSINESS_HOURS = "inBusinessHours";
    public static final String NEXT_OPENING = "nextOpening";

    private RecipeContract() {
    }
}
