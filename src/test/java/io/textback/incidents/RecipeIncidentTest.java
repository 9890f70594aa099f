package io.textback.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.TextBackSettings;
import io.textback.calls.CallLog;
import io.textback.support.AppClient;
import io.textback.support.Fixtures;
import io.textback.support.ModelerDeploy;
import io.textback.support.Recipes;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A recipe deployed from Modeler that breaks at run time: the admin finds an incident in Cockpit
 * naming the element and the reason, and the call's record says the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
class RecipeIncidentTest {

    @LocalServerPort
    int port;
    @Autowired
    ProcessEngine engine;
    @Autowired
    AccountService accounts;
    @Autowired
    AccountRepository accountRepository;
    @Autowired
    ManagementService management;
    @Autowired
    RuntimeService runtime;
    @Autowired
    CallLog calls;
    @Autowired
    ObjectMapper json;

    @Test
    void messageNamingAnUnknownVariableBecomesAnIncidentOnSendTextAndANoteOnTheCall() throws Exception {
        String key = Recipes.newKey("typo-recipe");
        var deployed = ModelerDeploy.to(port, engine).deploy(key, key + ".bpmn",
                Recipes.withKey(Recipes.withMessage(Recipes.builtIn(), "Hi ${contact.nickname}!"), key));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        Account account = Fixtures.newAccount(accounts, "Okafor Electric");
        Fixtures.withSettings(accountRepository, account, new TextBackSettings(true, TextBackSettings.DEFAULT_MESSAGE,
                TextBackSettings.DEFAULT_TIMEOUT_SECONDS, key));

        String callSid = Fixtures.newCallSid();
        String instanceId = missedCall(account, callSid);
        runSendTextUntilRetriesAreSpent(instanceId);

        var app = new AppClient(port);
        JsonNode incidents = json.readTree(app.getAsAdmin("/engine-rest/incident?processInstanceId=" + instanceId).body());
        assertThat(incidents).singleElement().satisfies(incident -> {
            assertThat(incident.get("incidentType").asText()).isEqualTo("failedJob");
            assertThat(incident.get("activityId").asText()).isEqualTo("SendText");
            assertThat(incident.get("incidentMessage").asText()).contains("contact");
        });
        String reason = incidents.get(0).get("incidentMessage").asText();
        assertThat(calls.find(callSid)).get().satisfies(call ->
                assertThat(call.note()).isEqualTo("incident at \"Send text\" (SendText): " + reason));
        assertThat(json.readTree(app.getAsAdmin("/api/messages?to=" + java.net.URLEncoder.encode(
                calls.find(callSid).orElseThrow().caller(), "UTF-8")).body())).isEmpty();
    }

    private String missedCall(Account account, String callSid) throws Exception {
        String report = "{\"callId\":\"" + callSid + "\",\"from\":\"" + Fixtures.newCaller() + "\",\"to\":\""
                + account.defaultNumber() + "\"}";
        var response = new AppClient(port).postJson("/api/missed-calls", report,
                Map.of("Authorization", AppClient.adminBasic()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("processInstanceId").asText();
    }

    /** What the job executor does with "Send text" (R3/PT1M): three failed attempts, then an incident. */
    private void runSendTextUntilRetriesAreSpent(String instanceId) {
        String jobId = management.createJobQuery().processInstanceId(instanceId).singleResult().getId();
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                management.executeJob(jobId);
            } catch (RuntimeException expected) {
                // the expression cannot be resolved on any attempt
            }
        }
        assertThat(management.createJobQuery().jobId(jobId).singleResult().getRetries()).isZero();
    }
}
