package io.textback.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The app with the job executor off: the test runs the recipe's jobs and has the send worker send,
 * moving the engine's clock where it needs to. Texts go through the {@link TwilioStandIn} (the SDK
 * waits 10 s: the first send of a cold JVM on a busy machine can take a few). Every class with this
 * annotation shares one application context; recipes left running by an earlier class are removed
 * before each class, so the send worker finds only the class's own texts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "textback.public-base-url=" + AppTests.PUBLIC_URL,
        "textback.twilio.timeout=10s",
        "camunda.bpm.job-execution.enabled=false"})
@ContextConfiguration(initializers = TwilioStandInProperties.class)
@TestExecutionListeners(listeners = RecipesLeftRunningRemoved.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface EngineTest {
}
