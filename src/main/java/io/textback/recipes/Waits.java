package io.textback.recipes;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The length of a recipe's wait: {@code ${waits.duration(wait)}} in a timer gives the recipe's own
 * {@code wait} input, unless TEXTBACK_WAIT_OVERRIDE (an ISO-8601 duration) shortens every wait, for
 * trying a recipe end to end without waiting 20 minutes.
 */
@Component("waits")
public class Waits {

    private final String override;

    Waits(@Value("${textback.wait-override:}") String override) {
        if (!override.isBlank()) {
            Duration.parse(override.trim());
        }
        this.override = override.trim();
    }

    public String duration(Object wait) {
        if (!override.isEmpty()) {
            return override;
        }
        String value = wait == null ? "" : wait.toString().trim();
        return value.isEmpty() ? "PT20M" : value;
    }
}
