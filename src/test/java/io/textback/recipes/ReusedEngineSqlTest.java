package io.textback.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's dynamic statements give the same SQL, placeholders and values with their parsed forms
 * kept as MyBatis gives them parsing each time: checked against MyBatis' own reading of the same
 * mappings, for the statements the recipes run most.
 */
class ReusedEngineSqlTest {

    private static final String VARIABLES =
            "org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity.selectVariablesByExecutionId";
    private static final String UPDATE_EXTERNAL_TASK =
            "org.camunda.bpm.engine.impl.persistence.entity.ExternalTaskEntity.updateExternalTask";

    private static Configuration mybatis;
    /** Read for each test, so that each counts its own forms. */
    private Configuration reused;

    @BeforeAll
    static void readAsMyBatisReadsThem() {
        mybatis = EngineMappings.parse("h2", "", Configuration.class);
    }

    @BeforeEach
    void readAsTheAppReadsThem() {
        reused = EngineMappings.read("h2", "").configuration();
    }

    @Test
    void variablesOfAnExecutionAsMyBatisReadsThemWhateverTheNamesAsked() {
        assertThat(mybatis.getMappedStatement(VARIABLES).getSqlSource()).isInstanceOf(DynamicSqlSource.class);
        var sql = (ReusedEngineSql.Sql) reused.getMappedStatement(VARIABLES).getSqlSource();

        assertSameAsMyBatis(VARIABLES, variablesOf("execution-1", List.of("accountId", "caller")));
        assertSameAsMyBatis(VARIABLES, variablesOf("execution-2", List.of("callSid", "message")));
        assertThat(sql.formsKept()).as("two names each time: one form").isEqualTo(1);

        assertSameAsMyBatis(VARIABLES, variablesOf("execution-3", List.of("accountId", "caller", "callSid")));
        assertSameAsMyBatis(VARIABLES, variablesOf("execution-4", null));
        assertThat(sql.formsKept()).as("three names, and none").isEqualTo(3);

        // The same text with a bound value of another type: its placeholder has another type handler.
        assertSameAsMyBatis(VARIABLES, variablesOf("execution-5", List.of("accountId")));
        assertSameAsMyBatis(VARIABLES, variablesOf("execution-6", List.of(42L)));
        assertThat(sql.formsKept()).isEqualTo(5);
        // A bound value that is not a plain value (its properties could change its placeholders' types): not kept.
        assertSameAsMyBatis(VARIABLES, variablesOf("execution-7", List.of(new byte[] {1, 2})));
        assertThat(sql.formsKept()).isEqualTo(5);
    }

    @Test
    void externalTaskUpdateAsMyBatisReadsIt() {
        var task = new ExternalTaskEntity();
        task.setId("task-1");
        task.setTopicName("send-text");
        task.setWorkerId("worker");
        task.setRetries(2);
        assertSameAsMyBatis(UPDATE_EXTERNAL_TASK, task);
        task.setErrorMessage("Twilio answered 503");
        assertSameAsMyBatis(UPDATE_EXTERNAL_TASK, task);
        task.setWorkerId(null);
        assertSameAsMyBatis(UPDATE_EXTERNAL_TASK, task);
    }

    @Test
    void aStatementWithManyFormsKeepsAtMostItsLimit() {
        var sql = (ReusedEngineSql.Sql) reused.getMappedStatement(VARIABLES).getSqlSource();
        var names = new ArrayList<String>();
        for (int i = 0; i < ReusedEngineSql.Sql.FORMS + 10; i++) {
            names.add("name" + i);
            assertSameAsMyBatis(VARIABLES, variablesOf("execution", names));
            assertThat(sql.formsKept()).isBetween(1, ReusedEngineSql.Sql.FORMS);
        }
    }

    private static ListQueryParameterObject variablesOf(String executionId, List<?> names) {
        Map<String, Object> parameter = new HashMap<>();
        parameter.put("executionId", executionId);
        parameter.put("variableNames", names);
        return new ListQueryParameterObject(parameter, 0, Integer.MAX_VALUE);
    }

    /** The same text, the same placeholders (property, Java and JDBC type, type handler) and the same values. */
    private void assertSameAsMyBatis(String statement, Object parameter) {
        for (int time = 1; time <= 2; time++) {
            BoundSql ours = reused.getMappedStatement(statement).getBoundSql(parameter);
            BoundSql theirs = mybatis.getMappedStatement(statement).getBoundSql(parameter);
            assertThat(ours.getSql()).isEqualTo(theirs.getSql());
            assertThat(describe(ours)).as("placeholders, time " + time).isEqualTo(describe(theirs));
        }
    }

    private static List<String> describe(BoundSql bound) {
        var placeholders = new ArrayList<String>();
        for (ParameterMapping mapping : bound.getParameterMappings()) {
            String property = mapping.getProperty();
            Object value = bound.hasAdditionalParameter(property) ? bound.getAdditionalParameter(property) : "(parameter)";
            placeholders.add(property + " " + mapping.getJavaType().getName() + " " + mapping.getJdbcType() + " "
                    + mapping.getTypeHandler().getClass().getName() + " " + mapping.getMode() + " = "
                    + (value instanceof byte[] bytes ? java.util.Arrays.toString(bytes) : value));
        }
        return placeholders;
    }
}
