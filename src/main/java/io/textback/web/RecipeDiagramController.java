package io.textback.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.textback.system.NotFound;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A recipe as the settings page shows it: its name, what its author wrote about it, and its diagram. */
@RestController
@Tag(name = "Recipes")
class RecipeDiagramController {

    record RecipeDescription(String key, String name, int version, String documentation) {
    }

    private final RepositoryService repository;

    RecipeDiagramController(RepositoryService repository) {
        this.repository = repository;
    }

    @GetMapping("/api/recipes/{key}")
    @Operation(summary = "The latest deployed version of a recipe: its name and the documentation of its process")
    RecipeDescription describe(@PathVariable String key) {
        ProcessDefinition definition = latest(key);
        Process process = repository.getBpmnModelInstance(definition.getId()).getModelElementById(key);
        String documentation = process == null ? "" : process.getDocumentations().stream()
                .map(Documentation::getTextContent).map(String::trim).collect(Collectors.joining("\n\n"));
        return new RecipeDescription(key, definition.getName() == null ? key : definition.getName(),
                definition.getVersion(), documentation);
    }

    @GetMapping(path = "/api/recipes/{key}/bpmn", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "The BPMN file of the latest deployed version of a recipe, as Modeler saved it")
    String bpmn(@PathVariable String key) throws IOException {
        ProcessDefinition definition = latest(key);
        try (var xml = repository.getProcessModel(definition.getId())) {
            return new String(xml.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private ProcessDefinition latest(String key) {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
                .latestVersion().singleResult();
        if (definition == null) {
            throw new NotFound("no recipe '" + key + "' is deployed");
        }
        return definition;
    }
}
