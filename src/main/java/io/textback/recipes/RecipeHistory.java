package io.textback.recipes;

import java.util.ArrayList;
import java.util.Set;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The history level {@value #NAME}: each recipe instance's start, end (with the end event it
 * reached) and incidents, kept for the recipe's time to live; not every step of every call. Cockpit
 * shows where a running recipe stands from the engine's runtime tables, and the app's pages read its
 * own call log, so nothing reads step history; writing it was seven rows per missed call into the
 * engine's most indexed table. {@code camunda.bpm.history-level} chooses another level as usual
 * ({@code activity} for step history).
 * <p>
 * The engine refuses to start on a database that records another level. A database of an earlier
 * version of the app (level {@code activity}) is moved to the configured level before the engine
 * checks it: the history already written stays, new history follows the new level.
 */
@Component
class RecipeHistory extends AbstractProcessEnginePlugin {

    static final String NAME = "instance";
    static final int ID = 10;
    private static final Logger log = LoggerFactory.getLogger(RecipeHistory.class);

    private final DataSource dataSource;

    RecipeHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Start, end and incidents of recipe instances. */
    static final class InstanceLevel extends AbstractHistoryLevel {

        private static final Set<HistoryEventType> PRODUCED = Set.of(
                HistoryEventTypes.PROCESS_INSTANCE_START, HistoryEventTypes.PROCESS_INSTANCE_UPDATE,
                HistoryEventTypes.PROCESS_INSTANCE_MIGRATE, HistoryEventTypes.PROCESS_INSTANCE_END,
                HistoryEventTypes.INCIDENT_CREATE, HistoryEventTypes.INCIDENT_RESOLVE,
                HistoryEventTypes.INCIDENT_DELETE, HistoryEventTypes.INCIDENT_MIGRATE,
                HistoryEventTypes.INCIDENT_UPDATE);

        @Override
        public int getId() {
            return ID;
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
            return PRODUCED.contains(eventType);
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        var levels = new ArrayList<HistoryLevel>();
        if (configuration.getCustomHistoryLevels() != null) {
            levels.addAll(configuration.getCustomHistoryLevels());
        }
        levels.add(new InstanceLevel());
        configuration.setCustomHistoryLevels(levels);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        int configured = configuration.getHistoryLevel().getId();
        try {
            int moved = new JdbcTemplate(dataSource).update("update ACT_GE_PROPERTY set VALUE_ = ?, REV_ = REV_ + 1"
                    + " where NAME_ = 'historyLevel' and VALUE_ <> ?", String.valueOf(configured), String.valueOf(configured));
            if (moved > 0) {
                log.info("History level of the database set to '{}', as configured", configuration.getHistoryLevel().getName());
            }
        } catch (DataAccessException newDatabase) {
            // No engine tables yet: the engine creates them with the configured level.
        }
    }
}
