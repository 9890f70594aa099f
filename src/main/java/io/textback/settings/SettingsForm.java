package io.textback.settings;

/** The settings page's form; every field is required, and a save replaces them all. */
public record SettingsForm(Boolean enabled, String messageTemplate, Integer callTimeoutSeconds, String recipeKey) {
}
