package io.textback.support;

import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need something outside the JVM (PostgreSQL, Chromium, Node): CI always has it,
 * so there a missing one fails the run; elsewhere the test is skipped with a banner nobody misses.
 */
public final class RequiresService {

    private RequiresService() {
    }

    public static void require(String what, String unavailableBecause) {
        if (!available(what, unavailableBecause)) {
            Assumptions.abort(what + " not run: " + unavailableBecause);
        }
    }

    /** For JUnit's {@code @EnabledIf}: false (after the banner) when missing here, an error when missing in CI. */
    public static boolean available(String what, String unavailableBecause) {
        if (unavailableBecause == null) {
            return true;
        }
        System.err.println("\n" + "!".repeat(78) + "\n!!! " + what + " NOT RUN: " + unavailableBecause + "\n"
                + "!".repeat(78) + "\n");
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(what + " must run in CI: " + unavailableBecause);
        }
        return false;
    }
}
