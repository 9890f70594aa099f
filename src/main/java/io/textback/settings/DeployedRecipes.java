package io.textback.settings;

import java.util.List;

import org.camunda.bpm.engine.RepositoryService;
import org.springframework.stereotype.Component;

/** The recipes an account may run: process definitions deployed in the engine, latest versions. */
@Component
class DeployedRecipes {

    record Recipe(String key, String name, int version) {
    }

    private final RepositoryService repository;

    DeployedRecipes(RepositoryService repository) {
        this.repository = repository;
    }

    List<Recipe> list() {
        return repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc().list()
                .stream()
                .map(d -> new Recipe(d.getKey(), d.getName() == null ? d.getKey() : d.getName(), d.getVersion()))
                .toList();
    }

    boolean isDeployed(String key) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(key).count() > 0;
    }
}
