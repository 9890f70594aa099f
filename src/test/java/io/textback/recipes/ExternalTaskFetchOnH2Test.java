package io.textback.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import io.textback.support.EngineTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On H2 the send worker's fetch runs as one flat query, made from the engine's own at start. An engine
 * whose statement has another shape keeps its own, which H2 reads whole at every fetch: this test
 * says so when an upgrade of the engine changes it.
 */
@EngineTest
class ExternalTaskFetchOnH2Test {

    @Autowired
    ProcessEngine engine;

    @Test
    void theEnginesFetchIsMadeFlatAndUsedOnH2() {
        String flat = ExternalTaskFetchOnH2.flatStatement().orElseThrow(() ->
                new AssertionError("the engine's selectExternalTasksForTopics no longer has the expected shape"));
        assertThat(flat).doesNotContain("from (").doesNotContain(") RES")
                .contains("RES.*, PI.BUSINESS_KEY_, PD.VERSION_TAG_").contains("${orderBy}").contains("${limitAfter}");

        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getDbSqlSessionFactory().mapStatement(ExternalTaskFetchOnH2.STATEMENT))
                .isEqualTo(ExternalTaskFetchOnH2.FLAT_STATEMENT);
        assertThat(configuration.getSqlSessionFactory().getConfiguration()
                .hasStatement(ExternalTaskFetchOnH2.FLAT_STATEMENT)).isTrue();
    }
}
