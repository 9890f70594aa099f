package io.textback.recipes;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * On H2, tells the planner what the engine's variable table looks like before it holds a row. H2
 * plans a statement on a table's statistics; an empty table has none, and the engine's lookup of an
 * execution's variables ({@code EXECUTION_ID_ = ? and TASK_ID_ is null}) was planned on the index of
 * {@code TASK_ID_}, which is null for every variable of a recipe without user tasks: each lookup then
 * read every variable of every running recipe (a fifth of the app's CPU in a burst of missed calls).
 * The selectivities given here are those H2's own ANALYZE measures on a running app, which replaces
 * them as the table fills. PostgreSQL plans on its own statistics and needs none of this.
 */
@Component
class EnginePlansOnH2 extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EnginePlansOnH2.class);
    /** Every running recipe's variables have their own execution; none has a task. */
    static final String[] SELECTIVITIES = {
            "alter table ACT_RU_VARIABLE alter column EXECUTION_ID_ selectivity 100",
            "alter table ACT_RU_VARIABLE alter column TASK_ID_ selectivity 1"};

    private final DataSource dataSource;

    EnginePlansOnH2(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getDatabaseProductName());
            if (!"H2".equals(product)) {
                return;
            }
            var jdbc = new JdbcTemplate(dataSource);
            for (String statement : SELECTIVITIES) {
                jdbc.execute(statement);
            }
        } catch (DataAccessException | org.springframework.jdbc.support.MetaDataAccessException e) {
            // Plans then follow H2's own statistics once ANALYZE has run: slower, never wrong.
            log.warn("Could not give H2 the engine's variable table statistics: {}", e.getMessage());
        }
    }
}
