package io.textback.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The running app as someone trying it without a Twilio account meets it: texts are simulated (kept
 * in the message log), the job executor runs the recipes, H2 in memory, a random port. Every class
 * with this annotation shares one application context, so each test makes its own account and callers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "textback.public-base-url=" + AppTests.PUBLIC_URL,
        "textback.api-key=" + AppTests.API_KEY})
public @interface SimulatedAppTest {
}
