package io.textback.support;

import java.util.Map;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A new database on the local PostgreSQL server for an application context, dropped when the context
 * closes, after everything in it that may still use the database (the engine writes its metrics then).
 */
public class PostgresDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Postgres database = Postgres.createDatabase();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("postgresDatabase", Map.of(
                "spring.datasource.url", database.url(),
                "spring.datasource.username", database.user(),
                "spring.datasource.password", "")));
        // Registered before any bean, so destroyed after all of them.
        ((DefaultListableBeanFactory) context.getBeanFactory()).registerDisposableBean("postgresDatabase",
                database::close);
    }
}
