package io.textback.autoreply;

/** Whether an account answers texts it receives, with which message, through which recipe. */
public record AutoReplySettings(boolean enabled, String message, String recipeKey) {

    public static final String DEFAULT_MESSAGE =
            "Thanks for your text! {{business.name}} will get back to you as soon as we can.";
    /** The shipped auto-reply recipe, {@code bpmn/auto-reply.bpmn}: the one key of it in the code. */
    public static final String DEFAULT_RECIPE_KEY = "auto-reply";

    public static AutoReplySettings defaults() {
        return new AutoReplySettings(false, DEFAULT_MESSAGE, DEFAULT_RECIPE_KEY);
    }
}
