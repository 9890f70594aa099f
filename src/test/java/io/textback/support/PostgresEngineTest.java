package io.textback.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * As {@link EngineTest} (the test runs the jobs), on PostgreSQL with the {@code postgres} profile: a
 * throwaway database of the local server ({@link PostgresDatabase}), dropped once the context is closed.
 * Check {@link Postgres#unavailableBecause()} first (through {@link RequiresService}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.profiles.active=postgres",
        // The postgres profile checks for credentials before the initializers run.
        "textback.twilio.account-sid=" + TwilioStandIn.ACCOUNT_SID,
        "textback.twilio.auth-token=" + TwilioStandIn.AUTH_TOKEN,
        "textback.public-base-url=" + AppTests.PUBLIC_URL,
        "textback.twilio.timeout=10s",
        "camunda.bpm.job-execution.enabled=false"})
@ContextConfiguration(initializers = {TwilioStandInProperties.class, PostgresDatabase.class})
@Import(EngineClients.class)
public @interface PostgresEngineTest {
}
