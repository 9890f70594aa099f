package io.textback.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The running app as someone trying it without a Twilio account meets it: texts are simulated (kept
 * in the message log), the job executor runs the recipes, H2 in memory, a random port. Every class
 * with this annotation shares one application context, so each test makes its own account and callers.
 * As these classes use no Twilio stand-in, they run in a thread of their own beside the other tests
 * (see junit-platform.properties), one class at a time, never beside a test that moves the engine's clock.
 * It also serves {@link FaultyEndpoint}, an endpoint with a bug, for the tests of the API's errors.
 * <p>
 * Each class with this annotation also carries {@code @ExcludeFromProcessCoverage}: the process test
 * coverage plugin's listener joins every Spring test with an engine, and its collector is not safe for
 * test methods running at once ("Run ... doesn't exist in suite", seen once in CI). It reads only
 * annotations on the test class itself, so the classes carry it, not this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "textback.public-base-url=" + AppTests.PUBLIC_URL,
        "textback.api-key=" + AppTests.API_KEY})
@Import({FaultyEndpoint.class, SharedEngineMappings.class})
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = SimulatedAppTest.LOCK, mode = ResourceAccessMode.READ_WRITE)
@ResourceLock(value = EngineTest.CLOCK, mode = ResourceAccessMode.READ)
public @interface SimulatedAppTest {

    /** Held by each class while it runs: one at a time, each test method in turn. */
    String LOCK = "simulated-app";
}
