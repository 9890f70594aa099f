package io.textback.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * A recipe test: as {@link EngineTest} (the test drives the engine), with process test coverage
 * measured, each class having to cover every flow node of the recipes it runs. Recipe test classes
 * share one application context of their own (the coverage plugin records every step the engine takes,
 * so no other test may run on it); recipes left running by an earlier class are removed before each
 * class, so that neither its coverage nor the send worker meets them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "textback.public-base-url=" + AppTests.PUBLIC_URL,
        "textback.twilio.timeout=10s",
        "camunda.bpm.job-execution.enabled=false",
        // Coverage counts the steps the engine records.
        "camunda.bpm.history-level=activity"})
@ContextConfiguration(initializers = TwilioStandInProperties.class)
@Import({RecipeTestConfiguration.class, SharedEngineMappings.class})
@TestExecutionListeners(listeners = {RecipesLeftRunningRemoved.class, ProcessEngineCoverageTestExecutionListener.class},
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@ResourceLock(value = EngineTest.CLOCK, mode = ResourceAccessMode.READ_WRITE)
public @interface RecipeTest {
}
