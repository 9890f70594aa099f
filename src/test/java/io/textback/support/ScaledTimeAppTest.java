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
import org.springframework.test.context.ContextConfiguration;

/**
 * The running app texting through a Twilio stand-in of its own ({@link TwilioStandIn#ofScaledTimeApp()}), with recipe time scaled by
 * {@link AppTests#RECIPE_TIME_SCALE} (20 minutes become 6 s, the built-in retry's minute 0.3 s), the job
 * executor and the send worker polling often, and the SDK giving up after {@link TwilioStandIn#TIMEOUT},
 * so that a stand-in answering later loses its answer. For the end-to-end tests of waits and retries.
 * Every class with this annotation shares one application context. Its tests spend most of their time
 * waiting on the recipes' scaled waits and retries, so these classes run beside the others, in threads
 * that are free (see junit-platform.properties), never beside a test that moves the engine's clock: each
 * test has its own account and caller, and answers and reads only the texts to that caller.
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
        "textback.api-key=" + AppTests.API_KEY,
        "textback.recipe-time-scale=" + AppTests.RECIPE_TIME_SCALE,
        "textback.twilio.timeout=3s",
        "textback.sending.idle-poll=100ms",
        "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=500"})
@ContextConfiguration(initializers = TwilioStandInProperties.OfScaledTimeApp.class)
@Import(SharedEngineMappings.class)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = EngineTest.CLOCK, mode = ResourceAccessMode.READ)
@ResourceLock(value = ScaledTimeAppTest.TWILIO_PACE, mode = ResourceAccessMode.READ)
public @interface ScaledTimeAppTest {

    /**
     * How fast the shared app's send worker may send: a class that makes Twilio answer 429 for long
     * (so that the worker sends fewer texts at once, for every account) holds it alone.
     */
    String TWILIO_PACE = "scaled-time-app-twilio-pace";
}
