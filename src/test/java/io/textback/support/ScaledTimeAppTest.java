package io.textback.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The running app texting through the {@link TwilioStandIn}, with recipe time scaled by
 * {@link AppTests#RECIPE_TIME_SCALE} (20 minutes become 6 s, the built-in retry's minute 0.3 s), the job
 * executor and the send worker polling often, and the SDK giving up after {@link TwilioStandIn#TIMEOUT},
 * so that a stand-in answering later loses its answer. For the end-to-end tests of waits and retries.
 * Every class with this annotation shares one application context.
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
@ContextConfiguration(initializers = TwilioStandInProperties.class)
public @interface ScaledTimeAppTest {
}
