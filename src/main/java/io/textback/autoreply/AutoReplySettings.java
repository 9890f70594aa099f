package io.textback.autoreply;

/** Whether an account answers texts it receives, with which message, through which recipe. */
public record AutoReplySettings(boolean enabled, String message, String recipeKey) {

    public static final String DEFAULT_MESSAGE =
            "Thanks for your text! {{business.name}} will get back to you as soon as we can.";
    public static final String DEFAULT_RECIPE = "auto-reply";

    public static AutoReplySettings defaults() {
        return new AutoReplySettings(false, DEFAULT_MESSAGE, DEFAULT_RECIPE);
    }
}
