package io.textback.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An endpoint of the JSON API with a bug, in the simulated app of the tests only: what a fault of the
 * app's own answers ({@code ApiErrorsTest}).
 */
@TestConfiguration
public class FaultyEndpoint {

    public static final String PATH = "/api/test-only/fault";

    /** Registered as a member class of this configuration. */
    @RestController
    static class Faulty {

        @GetMapping(PATH)
        String fail() {
            throw new IllegalStateException("secret internals of io.textback.Something");
        }
    }
}
