package io.textback.recipes;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.stereotype.Component;

/** Deployed recipes an inbound text can start: active, with a start event for the message InboundText. */
@Component
public class AutoReplyRecipes {

    private final RepositoryService repository;

    AutoReplyRecipes(RepositoryService repository) {
        this.repository = repository;
    }

    public List<DeployedRecipes.Recipe> list() {
        return repository.createProcessDefinitionQuery()
                .latestVersion().orderByProcessDefinitionKey().asc().list().stream()
                .filter(this::startsOnAText)
                .map(d -> new DeployedRecipes.Recipe(d.getKey(), d.getName() == null ? d.getKey() : d.getName(),
                        d.getVersion()))
                .toList();
    }

    public Optional<ProcessDefinition> latest(String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult()).filter(this::startsOnAText);
    }

    private boolean startsOnAText(ProcessDefinition definition) {
        if (definition.isSuspended()) {
            return false;
        }
        Process process = repository.getBpmnModelInstance(definition.getId()).getModelElementById(definition.getKey());
        return process != null && process.getChildElementsByType(StartEvent.class).stream()
                .flatMap(start -> start.getEventDefinitions().stream())
                .anyMatch(e -> e instanceof MessageEventDefinition m && m.getMessage() != null
                        && InboundTextStart.START_MESSAGE.equals(m.getMessage().getName()));
    }
}
