package io.textback.deployments;

import io.textback.recipes.DeployedRecipes;
import io.textback.support.EngineTest;
import static org.assertj.core.api.Assertions.assertThat;

import io.textback.support.ModelerDeploy;
import io.textback.support.Recipes;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Which recipe keys an account may be set to run. */
@EngineTest
class DeployedRecipesTest {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    DeployedRecipes recipes;
    @Autowired
    RepositoryService repository;

    @Test
    void builtInRecipeIsDeployedFromTheRecipesFolder() {
        assertThat(recipes.isDeployed(Recipes.BUILT_IN_KEY)).isTrue();
        assertThat(recipes.keys()).contains(Recipes.BUILT_IN_KEY);
    }

    @Test
    void recipeDeployedFromModelerCanBeChosenAtOnce() {
        String key = Recipes.newKey("after-hours");
        assertThat(recipes.isDeployed(key)).isFalse();

        var deployed = ModelerDeploy.to(port, engine)
                .deploy(key, key + ".bpmn", Recipes.withKey(Recipes.builtIn(), key));

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        assertThat(recipes.isDeployed(key)).isTrue();
        assertThat(recipes.keys()).contains(key, Recipes.BUILT_IN_KEY).isSorted();
    }

    @Test
    void keyThatWasNeverDeployedOrIsBlankIsRefused() {
        assertThat(recipes.isDeployed("missed-call-text-bak")).isFalse();
        assertThat(recipes.isDeployed("")).isFalse();
        assertThat(recipes.isDeployed(null)).isFalse();
    }

    @Test
    void processThatOnlyStartsOnAMessageIsNoRecipe() {
        String key = Recipes.newKey("on-reply");
        String onlyMessageStart = Recipes.withKey(Recipes.builtIn(), key)
                .replace("<bpmn:outgoing>Flow_ToQuietHours</bpmn:outgoing>\n    </bpmn:startEvent>",
                        "<bpmn:outgoing>Flow_ToQuietHours</bpmn:outgoing>\n"
                                + "      <bpmn:messageEventDefinition messageRef=\"TextReceivedMessage\" />\n"
                                + "    </bpmn:startEvent>")
                .replace("<bpmn:process ", "<bpmn:message id=\"TextReceivedMessage\" name=\"TextReceived\" />\n"
                        + "  <bpmn:process ");

        var deployed = ModelerDeploy.to(port, engine).deploy(key, key + ".bpmn", onlyMessageStart);

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).count()).isEqualTo(1);
        assertThat(recipes.isDeployed(key)).isFalse();
        assertThat(recipes.keys()).doesNotContain(key);
    }

    @Test
    void suspendedRecipeCannotBeChosen() {
        String key = Recipes.newKey("paused");
        ModelerDeploy.to(port, engine).deploy(key, key + ".bpmn", Recipes.withKey(Recipes.builtIn(), key));

        repository.suspendProcessDefinitionByKey(key);

        assertThat(recipes.isDeployed(key)).isFalse();
    }
}
