package io.textback.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.recipes.SendTextWorker;
import io.textback.support.AppClient;
import io.textback.support.EngineTest;
import io.textback.support.Fixtures;
import io.textback.support.ModelerDeploy;
import io.textback.support.Recipes;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A business user changes the built-in recipe in Camunda Modeler and presses Deploy. The job
 * executor is off so that a call can be held "in flight" while the new version arrives.
 */
@DirtiesContext // changes the built-in recipe, so no later test may share this engine
@EngineTest
class DeployFromModelerTest {

    static final String KEY = Recipes.BUILT_IN_KEY;
    static final String NEW_MESSAGE = "Hi {{contact.first_name|there}}, {{business.name}} here: we saw your call "
            + "and will ring you back within the hour.";

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    AccountService accounts;
    @Autowired
    RepositoryService repository;
    @Autowired
    SendTextWorker sendTexts;
    @Autowired
    ObjectMapper json;

    AppClient app;
    ModelerDeploy modeler;
    Account account;

    @BeforeEach
    void setUp() {
        app = new AppClient(port);
        modeler = ModelerDeploy.to(port, engine);
        account = Fixtures.newAccount(accounts, "Patel Plumbing");
    }

    @Test
    void changedMessageDeployedFromModelerReachesTheNextCallerWhileACallInFlightKeepsItsVersion() throws Exception {
        String inFlightCaller = Fixtures.newCaller();
        String inFlight = missedCall(inFlightCaller);
        int versionBefore = latestVersion();

        var deployed = modeler.deploy(KEY, KEY + ".bpmn", builtInRecipeWithMessage(NEW_MESSAGE));

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        JsonNode deployment = json.readTree(deployed.body());
        assertThat(deployment.get("source").asText()).isEqualTo("Camunda Modeler");
        assertThat(deployment.get("deployedProcessDefinitions").elements().next().get("version").asInt())
                .isEqualTo(versionBefore + 1);

        String nextCaller = Fixtures.newCaller();
        String next = missedCall(nextCaller);
        assertThat(sendTexts.sendDue()).isEqualTo(2);

        assertThat(textsTo(inFlightCaller)).singleElement().satisfies(text -> assertThat(text.get("body"))
                .isEqualTo("Hi there, sorry we missed your call at Patel Plumbing. How can we help? "
                        + "Reply here and we'll get back to you."));
        assertThat(textsTo(nextCaller)).singleElement().satisfies(text -> assertThat(text.get("body"))
                .isEqualTo("Hi there, Patel Plumbing here: we saw your call and will ring you back within the hour."));

        var again = modeler.deploy(KEY, KEY + ".bpmn", builtInRecipeWithMessage(NEW_MESSAGE));

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("id").asText()).isEqualTo(deployment.get("id").asText());
        assertThat(latestVersion()).isEqualTo(versionBefore + 1);
    }

    @Test
    void fileThatDoesNotParseIsRefusedWithTheEnginesMessageAndChangesNothing() throws Exception {
        int versionBefore = latestVersion();
        String danglingFlow = builtInRecipeWithMessage("")
                .replace("sourceRef=\"SendText\" targetRef=\"TextSent\"", "sourceRef=\"SendText\" targetRef=\"TextSnet\"");

        var refused = modeler.deploy(KEY, KEY + ".bpmn", danglingFlow);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = json.readTree(refused.body());
        assertThat(error.get("type").asText()).isEqualTo("ParseException");
        assertThat(error.get("message").asText()).contains("Could not parse BPMN process")
                .contains("TextSnet");
        assertThat(latestVersion()).isEqualTo(versionBefore);
    }

    @Test
    void deployingNeedsAnEngineLogin() throws Exception {
        int versionBefore = latestVersion();

        var anonymous = modeler.deploy(KEY, KEY + ".bpmn", builtInRecipeWithMessage("Free pizza!"), null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(latestVersion()).isEqualTo(versionBefore);
    }

    private static String builtInRecipeWithMessage(String message) {
        return Recipes.withMessage(Recipes.builtIn(), message);
    }

    private String missedCall(String caller) throws Exception {
        String report = "{\"callId\":\"" + Fixtures.newCallSid() + "\",\"from\":\"" + caller + "\",\"to\":\""
                + account.defaultNumber() + "\"}";
        var response = app.postJson("/api/missed-calls", report, Map.of("Authorization", AppClient.adminBasic()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("processInstanceId").asText();
    }

    private int latestVersion() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult()
                .getVersion();
    }

    private List<Map<String, Object>> textsTo(String to) throws Exception {
        var response = app.getAsAdmin("/api/messages?to=" + java.net.URLEncoder.encode(to, "UTF-8"));
        return json.readValue(response.body(), new TypeReference<>() { });
    }
}
