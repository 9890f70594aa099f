package io.textback.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The running app texting through the {@link TwilioStandIn} with the real Twilio SDK: signed webhooks,
 * the job executor on, metrics exported as in production, H2 in memory, a random port. The SDK waits
 * 10 s, the app's default, as a reply pressed in a page is not retried and the browser shares the
 * cores. Every class with this annotation shares one application context, so each test makes its own
 * account and callers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "textback.public-base-url=" + AppTests.PUBLIC_URL,
        "textback.twilio.timeout=10s",
        "textback.metrics.refresh-interval=1s"})
@ContextConfiguration(initializers = TwilioStandInProperties.class)
@Import(SharedEngineMappings.class)
@AutoConfigureObservability
public @interface AppWithTwilioStandInTest {
}
