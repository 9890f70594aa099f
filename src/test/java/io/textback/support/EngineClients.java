package io.textback.support;

import io.textback.recipes.SendTextWorker;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The clients an engine test drives the app with, made once per context. Lazy: the server's port is
 * known only once the context has started, which is before any test asks for them.
 */
@TestConfiguration(proxyBeanMethods = false)
class EngineClients {

    @Bean
    @Lazy
    AppClient appClient(Environment environment) {
        return new AppClient(environment.getRequiredProperty("local.server.port", Integer.class));
    }

    @Bean
    @Lazy
    Calls calls(AppClient appClient, ManagementService management, ExternalTaskService externalTasks,
                SendTextWorker sendTexts) {
        return new Calls(appClient, management, externalTasks, sendTexts);
    }
}
