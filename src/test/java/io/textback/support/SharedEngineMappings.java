package io.textback.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.apache.ibatis.mapping.Environment;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The engines of the test contexts on H2 read Camunda's MyBatis mappings once, not once each: the
 * first engine to start parses them, and the others take its parsed configuration (Camunda's shared
 * SqlSessionFactory), as parsing is about a third of an engine's start. A shared configuration would
 * hand every engine the first one's database, so its statements open their connections on the
 * database of the engine running the command ({@link EngineOfTheCommand}). Only for contexts on H2:
 * the mappings are parsed for one kind of database. Not for the app itself, which runs one engine.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SharedEngineMappings {

    private static final Object LOCK = new Object();
    private static final Duration PARSING_AT_MOST = Duration.ofSeconds(60);
    /** Set by the engine that parses the mappings, until it has shared them. */
    private static boolean parsing;

    @Bean
    AbstractProcessEnginePlugin sharedEngineMappings() {
        return new AbstractProcessEnginePlugin() {
            private boolean parser;

            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                synchronized (LOCK) {
                    // An engine that failed to start after it began parsing shares nothing: parse again.
                    long deadline = System.nanoTime() + PARSING_AT_MOST.toNanos();
                    while (parsing && System.nanoTime() < deadline) {
                        try {
                            LOCK.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }
                    if (ProcessEngineConfigurationImpl.cachedSqlSessionFactory != null) {
                        configuration.setUseSharedSqlSessionFactory(true);
                    } else if (!parsing) {
                        parsing = true;
                        parser = true;
                    }
                }
            }

            @Override
            public void postInit(ProcessEngineConfigurationImpl configuration) {
                if (!parser) {
                    return;
                }
                var mappings = configuration.getSqlSessionFactory().getConfiguration();
                Environment own = mappings.getEnvironment();
                mappings.setEnvironment(new Environment(own.getId(), own.getTransactionFactory(), new EngineOfTheCommand()));
                synchronized (LOCK) {
                    ProcessEngineConfigurationImpl.cachedSqlSessionFactory = configuration.getSqlSessionFactory();
                    parsing = false;
                    LOCK.notifyAll();
                }
            }
        };
    }

    /** The database of the engine whose command is running on this thread: the engine's own data source. */
    static final class EngineOfTheCommand extends AbstractDataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return engineDataSource().getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return engineDataSource().getConnection(username, password);
        }

        private static DataSource engineDataSource() {
            ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
            if (engine == null) {
                throw new IllegalStateException("a statement of the shared mappings ran outside an engine's command");
            }
            return engine.getDataSource();
        }
    }
}
