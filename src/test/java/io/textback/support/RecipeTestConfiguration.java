package io.textback.support;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.Condition;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** Process test coverage for recipe tests: each recipe test class must cover every flow node of its recipe. */
@TestConfiguration
@Import(ProcessEngineCoverageConfiguration.class)
public class RecipeTestConfiguration {

    @Bean
    @Primary
    ProcessEngineCoverageProperties fullFlowNodeCoverage() {
        return new ProcessEngineCoverageProperties(false, false, List.of(),
                List.of(new Condition<Double>(coverage -> coverage >= 1.0, "every flow node covered")), Map.of(),
                List.of(), "target/process-test-coverage");
    }
}
