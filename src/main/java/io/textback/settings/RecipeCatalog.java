package io.textback.settings;

/** The recipes an account may choose: the deployed ones, as the recipes know them. */
public interface RecipeCatalog {

    /** Whether a missed call can start the recipe with this key (deployed, active, plain start event). */
    boolean isDeployed(String key);
}
