package io.textback.recipes;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.ibatis.builder.xml.XMLConfigBuilder;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.apache.ibatis.transaction.TransactionFactory;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.apache.ibatis.transaction.managed.ManagedTransactionFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ReflectUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * The engine's SQL mappings, read beside the rest of the start instead of after it. Building the
 * engine reads some 60 MyBatis XML files: 3.6 s of a 9 s start on 2 cores, on the main thread. What
 * they read as depends only on the database's type and the table prefix, which the app's settings
 * tell before anything starts, so {@link ReadEarly} reads them in a thread of its own as soon as the
 * settings are known; the engine takes them if its database is of the type they were read for, and
 * reads them itself, as it always did, if not (or if none were read).
 */
@Component
class EngineMappings extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(EngineMappings.class);

    /** Mappings read early and not yet taken: each engine takes them at most once, so no two share them. */
    private static final AtomicReference<CompletableFuture<Read>> EARLY = new AtomicReference<>();

    record Read(String databaseType, String tablePrefix, Configuration configuration) {
    }

    /**
     * The engine's own reading of its mappings, for a database type and table prefix, its dynamic
     * statements keeping their parsed forms ({@link ReusedEngineSql}).
     */
    static Read read(String databaseType, String tablePrefix) {
        return new Read(databaseType, tablePrefix,
                parse(databaseType, tablePrefix, ReusedEngineSql.ReusingConfiguration.class));
    }

    /** The engine's mappings as the engine reads them, into a MyBatis configuration of the given kind. */
    static Configuration parse(String databaseType, String tablePrefix, Class<? extends Configuration> kind) {
        Properties properties = new Properties();
        properties.put("prefix", tablePrefix);
        ProcessEngineConfigurationImpl.initSqlSessionFactoryProperties(properties, tablePrefix, databaseType);
        try (var mappings = new InputStreamReader(ReflectUtil.getResourceAsStream(
                ProcessEngineConfigurationImpl.DEFAULT_MYBATIS_MAPPING_FILE), StandardCharsets.UTF_8)) {
            return new XMLConfigBuilder(kind, mappings, "", properties).parse();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The engine's name for the database a JDBC URL points at; null for one this app does not run on. */
    static String databaseType(String url) {
        if (url == null) {
            return null;
        }
        return url.startsWith("jdbc:h2:") ? "h2" : url.startsWith("jdbc:postgresql:") ? "postgres" : null;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CompletableFuture<Read> early = EARLY.getAndSet(null);
        if (early == null || configuration.getSqlSessionFactory() != null
                || configuration.isUseSharedSqlSessionFactory() || configuration.getDataSource() == null) {
            return;
        }
        if (configuration.getDatabaseType() == null) {
            configuration.initDatabaseType();
        }
        Read read;
        try {
            read = early.join();
        } catch (RuntimeException e) {
            log.warn("The engine's mappings read early failed; the engine reads them itself", e);
            return;
        }
        if (!read.databaseType().equals(configuration.getDatabaseType())
                || !read.tablePrefix().equals(configuration.getDatabaseTablePrefix())) {
            return;
        }
        // As the engine's own init would make them, from its settings.
        TransactionFactory transactions = configuration.getTransactionFactory() != null
                ? configuration.getTransactionFactory()
                : configuration.isTransactionsExternallyManaged() ? new ManagedTransactionFactory()
                : new JdbcTransactionFactory();
        configuration.setTransactionFactory(transactions);
        Configuration mappings = read.configuration();
        mappings.setEnvironment(new Environment("default", transactions, configuration.getDataSource()));
        mappings.setDefaultStatementTimeout(configuration.getJdbcStatementTimeout());
        if (configuration.isJdbcBatchProcessing()) {
            mappings.setDefaultExecutorType(ExecutorType.BATCH);
        }
        configuration.setSqlSessionFactory(new DefaultSqlSessionFactory(mappings));
        log.debug("The engine takes its mappings read early, for {}", read.databaseType());
    }

    /**
     * Starts reading the mappings once the app's settings are known (registered in spring.factories,
     * so it hears of them before any bean exists).
     */
    public static class ReadEarly implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            var environment = event.getEnvironment();
            String type = databaseType(environment.getProperty("spring.datasource.url"));
            if (type == null) {
                return;
            }
            String prefix = environment.getProperty("camunda.bpm.database.table-prefix", "");
            EARLY.set(CompletableFuture.supplyAsync(() -> read(type, prefix), task -> {
                Thread thread = new Thread(task, "engine-mappings");
                thread.setDaemon(true);
                thread.start();
            }));
        }
    }
}
