package io.textback.calls;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.TextBackSettings;
import io.textback.recipes.MissedCallTextBack;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.support.AppClient;
import io.textback.support.Calls;
import io.textback.support.EngineTest;
import io.textback.support.Fixtures;
import io.textback.support.ModelerDeploy;
import io.textback.support.Recipes;
import io.textback.support.TwilioStandIn;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every call's outcome as the calls list shows it, each driven through Twilio's signed webhooks
 * into both shipped recipes, with the Twilio stand-in answering as Twilio would. The test runs the
 * recipes' jobs itself (job executor off), so a wait is over when the test says so.
 */
@EngineTest
class CallOutcomesTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    AccountRepository accountRepository;
    @Autowired
    ProcessEngine engine;

    @Autowired
    AppClient app;
    @Autowired
    Calls calls;
    String caller;

    @BeforeEach
    void setUp() {
        TwilioStandIn.acceptTexts();
        caller = Fixtures.newCaller();
    }

    @ParameterizedTest
    @ValueSource(strings = {MissedCallTextBack.KEY, MissedCallTextBackOnce.KEY})
    void textedCallShowsItsTextAndItsRecipe(String recipe) {
        Account account = account(recipe);
        Instant before = Instant.now();
        String callSid = calls.missed(caller, account.defaultNumber());
        JsonNode started = calls.get(account.id(), callSid);
        assertThat(started.get("outcome").asText())
                .isEqualTo(recipe.equals(MissedCallTextBack.KEY) ? "running" : "waiting");

        calls.runRecipe(account.id(), callSid);

        JsonNode call = calls.get(account.id(), callSid);
        assertThat(textsSentTo(caller)).hasSize(1);
        assertThat(call.get("outcome").asText()).isEqualTo("texted");
        assertThat(call.get("outcomeDetail").asText()).isEqualTo("by SMS");
        assertThat(call.get("textStatus").asText()).isEqualTo("queued");
        assertThat(call.get("textMessageId").asLong()).isEqualTo(
                ((Number) app.messagesTo(caller).get(0).get("id")).longValue());
        assertThat(Instant.parse(call.get("textedAt").asText())).isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MILLIS));
        assertThat(call.get("dueAt").isNull()).isTrue();
        assertThat(call.get("caller").asText()).isEqualTo(caller);
        assertThat(call.get("businessNumber").asText()).isEqualTo(account.defaultNumber());
        assertThat(call.get("direction").asText()).isEqualTo("inbound");
        assertThat(call.get("status").asText()).isEqualTo("no-answer");
        assertThat(call.get("missed").asBoolean()).isTrue();
        assertThat(call.get("contact").isNull()).as("a caller the business has not named").isTrue();
        String instance = call.get("processInstanceId").asText();
        assertThat(call.get("cockpitUrl").asText())
                .isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + instance + "/runtime");
    }

    @Test
    void theRecommendedRecipeSaysWhenItsTextIsDueWhileItWaits() {
        Account account = account(MissedCallTextBackOnce.KEY);
        String callSid = calls.missed(caller, account.defaultNumber());

        JsonNode call = calls.get(account.id(), callSid);
        assertThat(call.get("outcome").asText()).isEqualTo("waiting");
        assertThat(Instant.parse(call.get("dueAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofMinutes(20)), within(30, ChronoUnit.SECONDS));
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @Test
    void aSecondCallInTheWindowIsARepeatCall() {
        Account account = account(MissedCallTextBackOnce.KEY);
        String first = calls.missed(caller, account.defaultNumber());
        String second = calls.missed(caller, account.defaultNumber());

        JsonNode call = calls.get(account.id(), second);
        assertThat(call.get("outcome").asText()).isEqualTo("repeat-call");
        assertThat(call.get("outcomeDetail").asText()).isEqualTo("call 2 within PT20M");
        assertThat(calls.outcome(account.id(), first)).isEqualTo("waiting");
    }

    @Test
    void aCallerWhoGetsThroughDuringTheWaitIsReached() {
        Account account = account(MissedCallTextBackOnce.KEY);
        String missed = calls.missed(caller, account.defaultNumber());
        String answered = calls.answered(caller, account.defaultNumber());

        assertThat(calls.outcome(account.id(), missed)).isEqualTo("reached-during-wait");
        assertThat(calls.outcome(account.id(), answered)).isEqualTo("answered");
        assertThat(calls.get(account.id(), missed).get("dueAt").isNull()).isTrue();
        calls.runRecipe(account.id(), missed);
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @Test
    void aCallerWhoTextsDuringTheWaitTextedFirst() {
        Account account = account(MissedCallTextBackOnce.KEY);
        String missed = calls.missed(caller, account.defaultNumber());
        calls.textFromCaller(caller, account.defaultNumber(), "Can you call me back?");

        assertThat(calls.outcome(account.id(), missed)).isEqualTo("caller-texted-first");
    }

    @ParameterizedTest
    @ValueSource(strings = {MissedCallTextBack.KEY, MissedCallTextBackOnce.KEY})
    void answeredCallIsAnswered(String recipe) {
        Account account = account(recipe);
        String callSid = calls.answered(caller, account.defaultNumber());

        JsonNode call = calls.get(account.id(), callSid);
        assertThat(call.get("outcome").asText()).isEqualTo("answered");
        assertThat(call.get("missed").asBoolean()).isFalse();
        assertThat(call.get("processInstanceId").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {MissedCallTextBack.KEY, MissedCallTextBackOnce.KEY})
    void missedCallWithTextBackOffSaysSo(String recipe) {
        Account account = Fixtures.withSettings(accountRepository, account(recipe), new TextBackSettings(false,
                TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS, recipe));
        String callSid = calls.missed(caller, account.defaultNumber());

        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("text-back-off");
    }

    @Test
    void textBackSwitchedOffDuringTheWaitSaysSo() {
        Account account = account(MissedCallTextBackOnce.KEY);
        String callSid = calls.missed(caller, account.defaultNumber());
        Fixtures.withSettings(accountRepository, account, new TextBackSettings(false, TextBackSettings.DEFAULT_MESSAGE,
                TextBackSettings.DEFAULT_TIMEOUT_SECONDS, MissedCallTextBackOnce.KEY));

        calls.runRecipe(account.id(), callSid);

        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("text-back-off");
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {MissedCallTextBack.KEY, MissedCallTextBackOnce.KEY})
    void callerWhoRepliedStopHasOptedOut(String recipe) {
        Account account = account(recipe);
        calls.textFromCaller(caller, account.defaultNumber(), "STOP");
        String callSid = calls.missed(caller, account.defaultNumber());

        calls.runRecipe(account.id(), callSid);

        JsonNode call = calls.get(account.id(), callSid);
        assertThat(call.get("outcome").asText()).isEqualTo("opted-out");
        assertThat(call.get("outcomeDetail").asText()).isEqualTo("the caller opted out of texts");
        assertThat(call.get("textStatus").isNull()).as("no text reached Twilio").isTrue();
        assertThat(textsSentTo(caller)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {MissedCallTextBack.KEY, MissedCallTextBackOnce.KEY})
    void twilioRefusalsBecomeTheirOutcome(String recipe) {
        Account account = account(recipe);
        String invalid = refused(account, 21211, "The 'To' number is not a valid phone number.");
        String landline = refused(account, 21614, "'To' number is not a valid mobile number");
        String refused = refused(account, 21408, "Permission to send an SMS has not been enabled for the region");

        JsonNode invalidCall = calls.get(account.id(), invalid);
        assertThat(invalidCall.get("outcome").asText()).isEqualTo("invalid-number");
        assertThat(invalidCall.get("outcomeDetail").asText())
                .isEqualTo("21211 The 'To' number is not a valid phone number.");
        assertThat(invalidCall.get("textStatus").asText()).isEqualTo("failed");
        assertThat(calls.outcome(account.id(), landline)).isEqualTo("landline");
        JsonNode refusedCall = calls.get(account.id(), refused);
        assertThat(refusedCall.get("outcome").asText()).isEqualTo("twilio-refused");
        assertThat(refusedCall.get("outcomeDetail").asText())
                .isEqualTo("21408 Permission to send an SMS has not been enabled for the region");
    }

    @ParameterizedTest
    @ValueSource(strings = {MissedCallTextBack.KEY, MissedCallTextBackOnce.KEY})
    void twilioDownUntilTheRetriesAreSpentFails(String recipe) {
        Account account = account(recipe);
        TwilioStandIn.answerTextsTo(caller, TwilioStandIn.twilioError(503, 20503, "Service unavailable"));
        String callSid = calls.missed(caller, account.defaultNumber());

        calls.runRecipe(account.id(), callSid);

        JsonNode call = calls.get(account.id(), callSid);
        assertThat(call.get("outcome").asText()).isEqualTo("failed");
        assertThat(call.get("outcomeDetail").asText()).startsWith("incident at \"Send text\" (SendText): ")
                .contains("HTTP 503");
    }

    @Test
    void aRecipeThatCannotStartFails() {
        String missing = Recipes.newKey("never-deployed");
        Account account = account(missing);

        String callSid = calls.missed(caller, account.defaultNumber());

        JsonNode call = calls.get(account.id(), callSid);
        assertThat(call.get("outcome").asText()).isEqualTo("failed");
        assertThat(call.get("outcomeDetail").asText()).startsWith("recipe '" + missing + "' could not start: ");
    }

    @Test
    void aRecipeDrawnWithoutTextbackEndEventsEndsWithNoText() {
        String key = Recipes.newKey("plain-recipe");
        var deployed = ModelerDeploy.to(port, engine).deploy(key, key + ".bpmn", """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Plain" targetNamespace="http://bpmn.io/schema/bpmn">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:endEvent id="Done"><bpmn:incoming>F1</bpmn:incoming></bpmn:endEvent>
                    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Done" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        Account account = account(key);

        String callSid = calls.missed(caller, account.defaultNumber());

        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("no-text");
    }

    @Test
    void anEndEventMayDeclareTheOutcomeAndAnUnknownOneIsRefusedAtDeployment() {
        String key = Recipes.newKey("declared-recipe");
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Declared" targetNamespace="http://bpmn.io/schema/bpmn">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="1">
                    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:endEvent id="Done">
                      <bpmn:extensionElements><camunda:properties>
                        <camunda:property name="textback.outcome" value="%s" />
                      </camunda:properties></bpmn:extensionElements>
                      <bpmn:incoming>F1</bpmn:incoming>
                    </bpmn:endEvent>
                    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Done" />
                  </bpmn:process>
                </bpmn:definitions>
                """;
        var refused = ModelerDeploy.to(port, engine).deploy(key, key + ".bpmn", bpmn.formatted(key, "texted-maybe"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("textback.outcome 'texted-maybe' is not one of texted, waiting");

        var deployed = ModelerDeploy.to(port, engine).deploy(key, key + ".bpmn", bpmn.formatted(key, "caller-texted-first"));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        Account account = account(key);
        String callSid = calls.missed(caller, account.defaultNumber());

        assertThat(calls.outcome(account.id(), callSid)).isEqualTo("caller-texted-first");
    }

    private String refused(Account account, int code, String message) {
        String to = Fixtures.newCaller();
        TwilioStandIn.answerTextsTo(to, TwilioStandIn.twilioError(400, code, message));
        String callSid = calls.missed(to, account.defaultNumber());
        calls.runRecipe(account.id(), callSid);
        return callSid;
    }

    private Account account(String recipe) {
        return Fixtures.withSettings(accountRepository, Fixtures.newAccount(accounts, "Osei Roofing"),
                new TextBackSettings(true, TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS,
                        recipe));
    }
}
