package io.textback.recipes;

import io.textback.accounts.TextBackSettings;

/**
 * The built-in recipe, {@code bpmn/missed-call-text-back.bpmn}: a text for every missed call. Its key
 * is the recipe new accounts run, defined with the accounts' other defaults.
 */
public final class MissedCallTextBack {

    public static final String KEY = TextBackSettings.DEFAULT_RECIPE_KEY;

    public enum Element {
        MissedCall, QuietHoursNow, HoldUntilQuietHoursEnd, QuietHoursPassed, TextBackEnabled, SendText, TextSent,
        TextBackDisabled;

        public String id() {
            return name();
        }
    }

    private MissedCallTextBack() {
    }
}
