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
import io.textback.support.EngineTest;
import io.textback.support.Fixtures;
import io.textback.support.ModelerDeploy;
import io.textback.support.Recipes;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A recipe deployed from Modeler whose "Send text" message cannot be evaluated: the phone system
 * is told why, the call's record says the same, and nothing is started or sent.
 */
@EngineTest
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
    RuntimeService runtime;
    @Autowired
    CallLog calls;
    @Autowired
    ObjectMapper json;

    @Test
    void messageNamingAnUnknownVariableIsRefusedWithTheEnginesReasonNotedOnTheCallAndStartsNothing() throws Exception {
        String key = Recipes.newKey("typo-recipe");
        var deployed = ModelerDeploy.to(port, engine).deploy(key, key + ".bpmn",
                Recipes.withKey(Recipes.withMessage(Recipes.builtIn(), "Hi ${contact.nickname}!"), key));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        Account account = Fixtures.newAccount(accounts, "Okafor Electric");
        Fixtures.withSettings(accountRepository, account, new TextBackSettings(true, TextBackSettings.DEFAULT_MESSAGE,
                TextBackSettings.DEFAULT_TIMEOUT_SECONDS, key));
        String callSid = Fixtures.newCallSid();
        String caller = Fixtures.newCaller();

        var response = missedCall(account, callSid, caller);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("reason").asText()).contains(key).contains("contact");
        assertThat(calls.find(callSid)).get().satisfies(call -> {
            assertThat(call.processInstanceId()).isNull();
            assertThat(call.note()).isEqualTo(answer.get("reason").asText());
        });
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(callSid).count()).isZero();
        var app = new AppClient(port);
        assertThat(json.readTree(app.getAsAdmin("/api/messages?to=" + java.net.URLEncoder.encode(caller, "UTF-8"))
                .body())).isEmpty();
    }

    private java.net.http.HttpResponse<String> missedCall(Account account, String callSid, String caller)
            throws Exception {
        String report = "{\"callId\":\"" + callSid + "\",\"from\":\"" + caller + "\",\"to\":\""
                + account.defaultNumber() + "\"}";
        return new AppClient(port).postJson("/api/missed-calls", report,
                Map.of("Authorization", AppClient.adminBasic()));
    }
}
