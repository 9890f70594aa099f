package io.textback.recipes;

import io.textback.autoreply.AutoReplySettings;

/**
 * {@code bpmn/auto-reply.bpmn}: answers a text to the business once per texter and day with the
 * account's auto-reply message; never a STOP, START or HELP, never an opted-out number. Started as
 * {@link InboundTextStart} says. Its key is the auto-reply recipe accounts run unless they choose another.
 */
public final class AutoReply {

    public static final String KEY = AutoReplySettings.DEFAULT_RECIPE_KEY;

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
