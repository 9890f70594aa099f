package io.textback.recipes;

/**
 * {@code bpmn/auto-reply.bpmn}: answers a text to the business once per texter and day with the
 * account's auto-reply message; never a STOP, START or HELP, never an opted-out number. Started by
 * the message {@link #START_MESSAGE}, with {@code accountId}, {@code caller}, {@code businessNumber},
 * {@link #BODY} and {@link #RECEIVED_AT}.
 */
public final class AutoReply {

    public static final String KEY = "auto-reply";
    public static final String START_MESSAGE = "InboundText";
    /** The text as received. */
    public static final String BODY = "body";
    /** When it arrived (ISO-8601). */
    public static final String RECEIVED_AT = "receivedAt";

    public enum Element {
        TextReceived, Keyword, KeywordEnd, OptedOut, OptedOutEnd, FirstToday, AlreadyAnswered, SendAutoReply,
        AutoReplySent;

        public String id() {
            return name();
        }
    }

    private AutoReply() {
    }
}
