package io.textback.recipes;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.recipes.AutoReply.Element;
import io.textback.support.AppClient;
import io.textback.support.EndedInstance;
import io.textback.support.Fixtures;
import io.textback.support.RecipeTest;
import io.textback.support.TwilioStandIn;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The auto-reply recipe started as Twilio starts it: a signed webhook for a text to the account's
 * number. The job executor is off and the engine's clock is set by the test.
 */
@RecipeTest
class AutoReplyRecipeTest {

    static final String PUBLIC_URL = "https://textback.example.com";
    static final String MESSAGE = "Thanks for your text! {{business.name}} will answer within the hour.";

    @LocalServerPort
    int port;
    @Autowired
    SendTextWorker sendTexts;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    AccountService accountService;
    @Autowired
    ObjectMapper json;

    AppClient app;
    Account account;
    String texter;

    @BeforeEach
    void setUp() {
        BpmnAwareTests.init(engine);
        TwilioStandIn.acceptTexts();
        app = new AppClient(port);
        account = Fixtures.newAccount(accountService, "Haddad Dental");
        texter = Fixtures.newCaller();
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        BpmnAwareTests.reset();
    }

    @Test
    void firstTextOfEachDayGetsTheAutoReplyAndLaterOnesThatDayDoNot() throws Exception {
        switchAutoReplyOn();

        ProcessInstance morning = textAt("2026-01-12T15:00:00Z", "Hi, are you open on Saturday?");
        assertThat(morning).isWaitingAt(Element.SendAutoReply.id());
        assertThat(InboundTextStart.of(runtime.getVariables(morning.getId()))).isEqualTo(new InboundTextStart(
                account.id(), texter, account.defaultNumber(), "Hi, are you open on Saturday?",
                Instant.parse("2026-01-12T15:00:00Z")));
        assertThat(runtime.getVariableTyped(morning.getId(), InboundTextStart.RECEIVED_AT.name()).getType())
                .isEqualTo(ValueType.DATE);
        sendTexts.sendDue();
        assertThat(morning).isEnded().hasPassed(Element.AutoReplySent.id());

        ProcessInstance evening = textAt("2026-01-12T20:00:00Z", "And do you take walk-ins?");
        assertThat(evening).isEnded().hasPassed(Element.AlreadyAnswered.id()).hasNotPassed(Element.SendAutoReply.id());

        ProcessInstance nextDay = textAt("2026-01-13T15:00:00Z", "Hello again");
        sendTexts.sendDue();
        assertThat(nextDay).isEnded().hasPassed(Element.AutoReplySent.id());

        assertThat(bodies()).containsExactly("Thanks for your text! Haddad Dental will answer within the hour.",
                "Thanks for your text! Haddad Dental will answer within the hour.");
    }

    @Test
    void stopIsNeverAnsweredNorIsAnythingTheOptedOutNumberSendsLater() throws Exception {
        switchAutoReplyOn();

        ProcessInstance stop = textAt("2026-01-12T15:00:00Z", " stop ");
        assertThat(stop).isEnded().hasPassed(Element.KeywordEnd.id());

        ProcessInstance later = textAt("2026-01-12T16:00:00Z", "Actually, one question");
        assertThat(later).isEnded().hasPassed(Element.OptedOutEnd.id());

        assertThat(textsSentTo(texter)).isEmpty();
    }

    @Test
    void autoReplyOffStartsNothing() throws Exception {
        var response = text("2026-01-12T15:00:00Z", "Hi");

        assertThat(response).isEqualTo(200);
        assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(AutoReply.KEY)
                .processInstanceBusinessKey(texter).count()).isZero();
    }

    @Test
    void settingsRefuseAnUnknownMergeFieldOrRecipe() {
        String path = "/api/accounts/" + account.id() + "/auto-reply";
        var typo = app.sendAsAdmin("PUT", path, "{\"enabled\":true,\"message\":\"Hi {{contact.frist_name}}\","
                + "\"recipeKey\":\"auto-reply\"}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("unknown merge field {{contact.frist_name}}");

        var missedCallRecipe = app.sendAsAdmin("PUT", path, "{\"enabled\":true,\"message\":\"Hi\","
                + "\"recipeKey\":\"" + MissedCallTextBack.KEY + "\"}");
        assertThat(missedCallRecipe.statusCode()).isEqualTo(400);
        assertThat(missedCallRecipe.body()).contains("recipeKey", "no recipe with key '" + MissedCallTextBack.KEY + "'");

        assertThat(app.getAsAdmin(path).body()).contains("\"enabled\":false", "\"key\":\"auto-reply\"");
    }

    private void switchAutoReplyOn() throws Exception {
        var saved = app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/auto-reply", json.writeValueAsString(
                Map.of("enabled", true, "message", MESSAGE, "recipeKey", AutoReply.KEY)));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    }

    private ProcessInstance textAt(String instant, String body) {
        assertThat(text(instant, body)).isEqualTo(200);
        var started = history.createHistoricProcessInstanceQuery().processDefinitionKey(AutoReply.KEY)
                .processInstanceBusinessKey(texter).orderByProcessInstanceStartTime().desc().list()
                .get(0);
        var running = runtime.createProcessInstanceQuery().processInstanceId(started.getId()).singleResult();
        return running != null ? running : new EndedInstance(started);
    }

    private int text(String instant, String body) {
        ClockUtil.setCurrentTime(Date.from(Instant.parse(instant)));
        return app.twilio("/twilio/messaging/incoming", Map.of("MessageSid", "SM" + Long.toHexString(System.nanoTime()),
                "From", texter, "To", account.defaultNumber(), "Body", body), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL)
                .statusCode();
    }

    private List<String> bodies() {
        return textsSentTo(texter).stream().map(r -> r.formParameters().get("Body").firstValue()).toList();
    }
}
