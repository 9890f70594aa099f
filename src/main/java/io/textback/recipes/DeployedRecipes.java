package io.textback.recipes;

import java.util.List;

import io.textback.settings.RecipeCatalog;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.stereotype.Component;

/**
 * The recipes an account may run: deployed processes (from bpmn/ or from Modeler) that a missed
 * call can start, i.e. whose latest version is active and has a plain start event taking the
 * recipe contract's variables. Settings use it to refuse a recipe key that is not deployed.
 */
@Component
public class DeployedRecipes implements RecipeCatalog {

    /** A recipe as the settings page offers it: its key, its name in Modeler, and its latest version. */
    public record Recipe(String key, String name, int version) {
    }

    private final RepositoryService repository;

    DeployedRecipes(RepositoryService repository) {
        this.repository = repository;
    }

    @Override
    public boolean isDeployed(String key) {
        if (key == null || key.isBlank()) {
            return false;
        }
        ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult();
        return latest != null && startsOnAMissedCall(latest);
    }

    /** Every deployed recipe, latest versions, sorted by key. */
    public List<Recipe> list() {
        return repository.createProcessDefinitionQuery().latestVersion().orderByProcessDefinitionKey().asc().list()
                .stream().filter(this::startsOnAMissedCall)
                .map(d -> new Recipe(d.getKey(), d.getName() == null ? d.getKey() : d.getName(), d.getVersion()))
                .toList();
    }

    /** The keys of every deployed recipe, sorted. */
    public List<String> keys() {
        return list().stream().map(Recipe::key).toList();
    }

    /** A missed call starts a recipe by key, which needs a plain start event at the top of an active process. */
    private boolean startsOnAMissedCall(ProcessDefinition definition) {
        if (definition.isSuspended()) {
            return false;
        }
        var model = repository.getBpmnModelInstance(definition.getId());
        Process process = model.getModelElementById(definition.getKey());
        return process != null && process.getChildElementsByType(StartEvent.class).stream()
                .anyMatch(start -> start.getEventDefinitions().isEmpty());
    }
}
