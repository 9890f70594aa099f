package io.textback.system;

import java.util.Arrays;

import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Flyway refuses a schema that already has tables, so it must migrate before the engine creates
 * its own: the engine waits for Flyway.
 */
@Configuration
class EngineAfterFlyway {

    @Bean
    static BeanFactoryPostProcessor processEngineDependsOnFlyway() {
        return beanFactory -> {
            if (!beanFactory.containsBeanDefinition("flywayInitializer")) {
                return;
            }
            for (String name : beanFactory.getBeanNamesForType(ProcessEngineFactoryBean.class, true, false)) {
                var definition = beanFactory.getBeanDefinition(name.startsWith("&") ? name.substring(1) : name);
                String[] dependsOn = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                String[] withFlyway = Arrays.copyOf(dependsOn, dependsOn.length + 1);
                withFlyway[dependsOn.length] = "flywayInitializer";
                definition.setDependsOn(withFlyway);
            }
        };
    }
}
