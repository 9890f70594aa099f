package io.textback.system;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * What the app adds to the engine's tables once they exist (the engine creates them itself, after
 * Flyway has run, so these are not migrations). Each step is safe to repeat at every start.
 * <ul>
 * <li>An index in the order the job executor acquires jobs (timers first, then by due date). Without
 * it, every acquisition sorts all due jobs: with 100,000 waits due at once on PostgreSQL, 661 ms per
 * acquisition instead of 13 ms.</li>
 * <li>On PostgreSQL, an index of the jobs being run. Each acquisition skips the jobs of a recipe
 * whose other job is running, and PostgreSQL answered that part by reading the whole job table:
 * 8.8 ms per acquisition with 10,000 waits due at once, 0.1 ms with this index (it holds only the
 * jobs locked now, a few dozen per node).</li>
 * <li>On H2, what the engine's variable table looks like before it holds a row. H2 plans a statement
 * on a table's statistics, and an empty table has none: the engine's lookup of an execution's
 * variables ({@code EXECUTION_ID_ = ? and TASK_ID_ is null}), made for every text the send worker
 * fetches, was planned on the index of {@code TASK_ID_}, null for every variable of a recipe without
 * user tasks, and then read every variable of every running recipe (a fifth of the app's CPU in a
 * burst of missed calls). The selectivities are those H2's own ANALYZE measures on a running app,
 * which replaces them as the table fills. PostgreSQL plans on its own statistics.</li>
 * </ul>
 */
@Component
class EngineTables extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineTables.class);
    static final String JOB_ACQUISITION_INDEX =
            "create index if not exists act_idx_job_type_duedate on act_ru_job (type_ desc, duedate_)";
    /** The running jobs, for the acquisition's "no other job of this recipe is running" (PostgreSQL). */
    static final String POSTGRES_LOCKED_JOBS_INDEX =
            "create index if not exists act_idx_job_locked on act_ru_job (lock_exp_time_) where lock_owner_ is not null";
    /** Every running recipe's variables have their own execution; none has a task. */
    static final String[] H2_VARIABLE_SELECTIVITIES = {
            "alter table ACT_RU_VARIABLE alter column EXECUTION_ID_ selectivity 100",
            "alter table ACT_RU_VARIABLE alter column TASK_ID_ selectivity 1"};

    private final DataSource dataSource;

    EngineTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        var jdbc = new JdbcTemplate(dataSource);
        try {
            jdbc.execute(JOB_ACQUISITION_INDEX);
        } catch (DataAccessException e) {
            // Another node creating it at the same moment; the engine works without it, only slower.
            log.warn("Index for job acquisition not created: {}", e.getMessage());
        }
        try {
            String database = JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getDatabaseProductName());
            if ("PostgreSQL".equals(database)) {
                jdbc.execute(POSTGRES_LOCKED_JOBS_INDEX);
            }
            if ("H2".equals(database)) {
                for (String statement : H2_VARIABLE_SELECTIVITIES) {
                    jdbc.execute(statement);
                }
            }
        } catch (DataAccessException | MetaDataAccessException e) {
            // Plans are then the database's own: slower, never wrong.
            log.warn("Could not add the engine's indexes and statistics for this database: {}", e.getMessage());
        }
    }
}
