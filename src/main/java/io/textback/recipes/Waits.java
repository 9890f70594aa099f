package io.textback.recipes;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Recipe time. {@code ${waits.duration(wait)}} in a timer gives the recipe's own {@code wait}
 * input. TEXTBACK_RECIPE_TIME_SCALE (default 1) shrinks every wait and every "Tag caller" window
 * by the same factor, so a recipe can be tried end to end in seconds (0.005 makes 20 minutes 6 s).
 */
@Component("waits")
public class Waits {

    static final Duration DEFAULT_WAIT = Duration.ofMinutes(20);

    private final double scale;

    Waits(@Value("${textback.recipe-time-scale:1}") double scale) {
        if (!(scale > 0 && scale <= 1)) {
            throw new IllegalArgumentException("textback.recipe-time-scale must be above 0 and at most 1, was " + scale);
        }
        this.scale = scale;
    }

    /** The timer duration for a recipe's wait input (an ISO-8601 duration, default PT20M). */
    public String duration(Object wait) {
        String value = wait == null ? "" : wait.toString().trim();
        return scaled(value.isEmpty() ? DEFAULT_WAIT : Duration.parse(value)).toString();
    }

    /** The timer duration for a wait input with its own default, such as a follow-up's P1D. */
    public String duration(Object wait, String fallback) {
        String value = wait == null ? "" : wait.toString().trim();
        return duration(value.isEmpty() ? fallback : value);
    }

    Duration scaled(Duration duration) {
        return scale == 1 ? duration : Duration.ofMillis(Math.max(1, Math.round(duration.toMillis() * scale)));
    }
}
