package io.textback.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The app with the job executor off: the test runs the recipe's jobs and has the send worker send,
 * moving the engine's clock where it needs to. Texts go through the {@link TwilioStandIn} (the SDK
 * waits 10 s: the first send of a cold JVM on a busy machine can take a few). Every class with this
 * annotation shares one application context; recipes left running by an earlier class are removed
 * before each class, so the send worker finds only the class's own texts. Tests may move the engine's
 * clock: see {@link #CLOCK}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "textback.public-base-url=" + AppTests.PUBLIC_URL,
        "textback.twilio.timeout=10s",
        "camunda.bpm.job-execution.enabled=false"})
@ContextConfiguration(initializers = TwilioStandInProperties.class)
@Import({EngineClients.class, SharedEngineMappings.class})
@TestExecutionListeners(listeners = RecipesLeftRunningRemoved.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@ResourceLock(value = EngineTest.CLOCK, mode = ResourceAccessMode.READ_WRITE)
public @interface EngineTest {

    /**
     * The engine's clock ({@code ClockUtil}) is one for the whole JVM: a class that moves it runs beside
     * no class whose engine runs its own jobs.
     */
    String CLOCK = "camunda-clock";
}
