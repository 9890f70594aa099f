package io.textback.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.textback.support.EngineTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The engine's lookup of an execution's variables, which the send worker makes for every text it
 * fetches, is planned on the index of the execution on H2, not on the index of the task (null for
 * every variable here): that plan read every variable of every running recipe for each lookup.
 * The statement is the engine's own, as its MyBatis mapping writes it for H2.
 */
@EngineTest
class EngineTablesTest {

    @Autowired
    ProcessEngine engine;
    @Autowired
    DataSource dataSource;

    @Test
    void variablesOfAnExecutionAreLookedUpByTheExecutionsIndex() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        var statement = configuration.getSqlSessionFactory().getConfiguration()
                .getMappedStatement(configuration.getDbSqlSessionFactory().mapStatement("selectVariablesByExecutionId"));
        var parameter = new ListQueryParameterObject(Map.of("executionId", "some-execution",
                "variableNames", List.of("accountId", "caller", "callSid", "message")), 0, Integer.MAX_VALUE);
        var bound = statement.getBoundSql(parameter);
        Object[] values = {"some-execution", "accountId", "caller", "callSid", "message"};
        assertThat(bound.getParameterMappings()).hasSize(values.length);

        String plan = new JdbcTemplate(dataSource).queryForObject("explain " + bound.getSql(), String.class, values);

        assertThat(plan).as(plan).contains("ACT_FK_VAR_EXE").doesNotContain("ACT_IDX_VARIABLE_TASK");
    }
}
