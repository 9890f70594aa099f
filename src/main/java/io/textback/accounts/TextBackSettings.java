package io.textback.accounts;

/** The controls of the closed products' "Missed Call Text Back" screen, per account. */
public record TextBackSettings(
        boolean enabled,
        String messageTemplate,
        int callTimeoutSeconds,
        String recipeKey) {

    public static final String DEFAULT_MESSAGE =
            "Hi {{contact.first_name|there}}, sorry we missed your call at {{business.name}}. "
                    + "How can we help? Reply here and we'll get back to you.";
    public static final int DEFAULT_TIMEOUT_SECONDS = 15;
    public static final int MIN_TIMEOUT_SECONDS = 5;
    public static final int MAX_TIMEOUT_SECONDS = 60;
    public static final int MAX_MESSAGE_LENGTH = 1600;
    /**
     * The recipe a new account runs: the built-in one, {@code bpmn/missed-call-text-back.bpmn}. The one
     * key of it in the code (the recipes refer to it here, since accounts may not depend on them).
     */
    public static final String DEFAULT_RECIPE_KEY = "missed-call-text-back";

    public static TextBackSettings defaults() {
        return new TextBackSettings(true, DEFAULT_MESSAGE, DEFAULT_TIMEOUT_SECONDS, DEFAULT_RECIPE_KEY);
    }
}
