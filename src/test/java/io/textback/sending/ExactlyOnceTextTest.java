package io.textback.sending;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.textback.support.TwilioStandIn.created;
import static io.textback.support.TwilioStandIn.twilioError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.textback.accounts.Account;
import io.textback.accounts.AccountRepository;
import io.textback.accounts.AccountService;
import io.textback.accounts.TextBackSettings;
import io.textback.calls.CallLog;
import io.textback.recipes.MissedCallTextBack;
import io.textback.recipes.MissedCallTextBackOnce;
import io.textback.recipes.RecipeContract;
import io.textback.support.AppClient;
import io.textback.support.Fixtures;
import io.textback.support.Recipes;
import io.textback.support.ScaledTimeAppTest;
import io.textback.support.TwilioStandIn;
import io.textback.support.TwilioStandInServer;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One text per missed call whatever Twilio and the network do: every fault is made by the Twilio
 * stand-in, and the running app's send worker and the recipe's own retry cycle deal with it
 * (recipe time scaled 1:200, so the built-in "R3/PT1M" retries every 0.3 s).
 */
@ExcludeFromProcessCoverage
@ScaledTimeAppTest
class ExactlyOnceTextTest {

    static final String PUBLIC_URL = "https://textback.example.com";
    static final TwilioStandInServer twilio = TwilioStandIn.ofScaledTimeApp();
    static final ResponseDefinitionBuilder LOST_ANSWER =
            created().withFixedDelay((int) TwilioStandIn.TIMEOUT.plusSeconds(1).toMillis());

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    AccountRepository accountRepository;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ExternalTaskService externalTasks;
    @Autowired
    CallLog calls;

    final ObjectMapper json = new ObjectMapper();
    AppClient app;
    Account account;
    String caller;

    @BeforeEach
    void setUp() {
        app = new AppClient(port);
        account = Fixtures.newAccount(accounts, "Nakamura Glass");
        caller = Fixtures.newCaller();
    }

    @Test
    void answerLostAfterTwilioQueuedTheTextSendsNothingAgain() {
        twilio.answerTextsInTurn(caller, LOST_ANSWER, created());

        missedCall();

        await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(status()));
        assertThat(twilio.textsSentTo(caller)).as("one request: the retry asked Twilio instead of sending").hasSize(1);
        assertThat(twilio.textsTakenFor(caller)).hasSize(1);
        assertThat(app.messagesTo(caller)).singleElement()
                .satisfies(text -> assertThat(text.get("providerSid")).isEqualTo(twilio.textsTakenFor(caller).get(0)));
    }

    @Test
    void connectionResetAfterTheRequestGivesOneText() {
        twilio.answerTextsInTurn(caller, created().withFault(Fault.CONNECTION_RESET_BY_PEER), created());

        missedCall();

        await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(status()));
        assertThat(twilio.textsTakenFor(caller)).hasSize(1);
    }

    @Test
    void emptyAnswerAfterTheRequestGivesOneText() {
        twilio.answerTextsInTurn(caller, created().withFault(Fault.EMPTY_RESPONSE), created());

        missedCall();

        await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(status()));
        assertThat(twilio.textsTakenFor(caller)).hasSize(1);
    }

    @Test
    void tooManyRequestsIsSentAgainNoSoonerThanTwilioAsked() {
        twilio.answerTextsInTurn(caller,
                twilioError(429, 20429, "Too Many Requests").withHeader("Retry-After", "2"), created());

        missedCall();

        await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(status()));
        assertThat(twilio.textsTakenFor(caller)).hasSize(1);
        var requests = twilio.textsSentTo(caller);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime())
                .as("milliseconds between the 429 and the next try").isGreaterThanOrEqualTo(2000);
    }

    @Test
    void tooManyRequestsWithoutRetryAfterGivesOneText() {
        twilio.answerTextsInTurn(caller, aResponse().withStatus(429), created());

        missedCall();

        await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(status()));
        assertThat(twilio.textsTakenFor(caller)).hasSize(1);
    }

    @Test
    void threeServerErrorsThenAcceptedGivesOneText() {
        var error = twilioError(500, 20500, "Internal Server Error");
        twilio.answerTextsInTurn(caller, error, error, error, created());

        missedCall();

        await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(status()));
        assertThat(twilio.textsTakenFor(caller)).hasSize(1);
        assertThat(twilio.textsSentTo(caller)).hasSize(4);
    }

    @Test
    void outageThatOutlastsTheRecipesRetriesBecomesAnIncidentNamingTwilioAndTheCall() throws Exception {
        assertThat(attemptsBeforeTheIncident("R2/PT1M")).isEqualTo(3);
        caller = Fixtures.newCaller();
        assertThat(attemptsBeforeTheIncident("R4/PT1M")).isEqualTo(5);
    }

    private int attemptsBeforeTheIncident(String retryCycle) throws Exception {
        String callSid = missedCallDuringAnOutage(retryCycle);
        var incident = runtime.createIncidentQuery().processInstanceId(instanceOf(callSid)).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(MissedCallTextBack.Element.SendText.id());
        assertThat(incident.getIncidentMessage()).contains("HTTP 503").contains("Twilio error 20003");
        assertThat(calls.find(callSid).orElseThrow().note())
                .isEqualTo("incident at \"Send text\" (SendText): " + incident.getIncidentMessage());
        Thread.sleep(1500);
        assertThat(twilio.textsTakenFor(caller)).isEmpty();
        return twilio.textsSentTo(caller).size();
    }

    /**
     * The built-in recipe with this retry cycle, Twilio answering 503 to every text to the caller, and
     * a missed call: returns its CallSid once its recipe has an incident.
     */
    private String missedCallDuringAnOutage(String retryCycle) {
        String key = Recipes.newKey("retry-" + retryCycle.charAt(1));
        String bpmn = Recipes.withKey(Recipes.builtIn(), key).replace("value=\"R3/PT1M\"", "value=\"" + retryCycle + "\"");
        assertThat(bpmn).contains(retryCycle);
        repository.createDeployment().name(key).addString(key + ".bpmn", bpmn).deploy();
        account = Fixtures.withSettings(accountRepository, account, new TextBackSettings(true,
                TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS, key));
        twilio.answerTextsInTurn(caller, twilioError(503, 20003, "Service Unavailable"));

        String callSid = missedCall();

        await().atMost(Duration.ofSeconds(20)).until(() ->
                runtime.createIncidentQuery().processInstanceId(instanceOf(callSid)).count() == 1);
        return callSid;
    }

    @Test
    void retryInCockpitAfterTheOutageClearsTheIncidentAndTextsOnce() {
        String callSid = missedCallDuringAnOutage("R1/PT1M");
        var incident = runtime.createIncidentQuery().processInstanceId(instanceOf(callSid)).singleResult();
        String instance = incident.getProcessInstanceId();

        twilio.answerTextsTo(caller, created());
        externalTasks.setRetries(incident.getConfiguration(), 1); // what Cockpit's "Retry" does

        assertThat(runtime.createIncidentQuery().incidentId(incident.getId()).count()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                runtime.createProcessInstanceQuery().processInstanceId(instance).count() == 0);
        assertThat(twilio.textsTakenFor(caller)).hasSize(1);
        assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
    }

    @Test
    void recipeDeployedWithVersionOneOfSendTextStillTextsOnceAfterAnUpgrade() {
        String key = Recipes.newKey("send-text-v1");
        String bpmn = Recipes.withKey(Recipes.builtIn(), key)
                .replace("camunda:type=\"external\" camunda:topic=\"textback.send-text\"",
                        "camunda:asyncBefore=\"true\" camunda:delegateExpression=\"${sendText}\"")
                .replace("camunda:modelerTemplateVersion=\"3\"", "camunda:modelerTemplateVersion=\"1\"");
        assertThat(bpmn).contains("${sendText}");
        repository.createDeployment().name(key).addString(key + ".bpmn", bpmn).deploy();
        account = Fixtures.withSettings(accountRepository, account, new TextBackSettings(true,
                TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS, key));

        missedCall();

        await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(status()));
        assertThat(twilio.textsTakenFor(caller)).hasSize(1);
    }

    @Test
    void whatsAppRefusedWithTwilio63016IsReplacedByOneSmsAndTheCallSaysSo() throws Exception {
        var saved = app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/whatsapp",
                "{\"sender\":\"(415) 523-8886\"}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
        assertThat(saved.body()).contains("\"sender\":\"+14155238886\"");
        String key = Recipes.newKey("whatsapp-then-sms");
        repository.createDeployment().name(key).addString(key + ".bpmn", Recipes.withKey(Recipes.builtIn(), key)
                .replace("name=\"channel\" value=\"sms\"", "name=\"channel\" value=\"whatsapp-then-sms\""))
                .deploy();
        account = Fixtures.withSettings(accountRepository, account, new TextBackSettings(true,
                TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS, key));
        twilio.answerTextsTo("whatsapp:" + caller, twilioError(400, 63016,
                "Failed to send freeform message because you are outside the allowed window"));

        String callSid = missedCall();

        await().atMost(Duration.ofSeconds(20)).until(() -> "queued".equals(status()));
        var whatsApp = twilio.textsSentTo("whatsapp:" + caller);
        assertThat(whatsApp).singleElement().satisfies(request ->
                assertThat(request.formParameters().get("From").firstValue()).isEqualTo("whatsapp:+14155238886"));
        assertThat(twilio.textsTakenFor(caller)).as("one SMS").hasSize(1);
        assertThat(twilio.textsSentTo(caller).stream().filter(r -> r.formParameters().get("To").firstValue().equals(caller)))
                .singleElement().satisfies(sms ->
                        assertThat(sms.formParameters().get("From").firstValue()).isEqualTo(account.defaultNumber()));
        var log = app.messagesTo(caller);
        assertThat(log).extracting(text -> text.get("channel") + " " + text.get("status") + " " + text.get("errorCode"))
                .containsExactlyInAnyOrder("sms queued null", "whatsapp failed 63016");
        JsonNode calls = json.readTree(app.getAsAdmin("/api/calls?accountId=" + account.id()).body()).get("calls");
        assertThat(calls).anySatisfy(call -> {
            assertThat(call.get("callSid").asText()).isEqualTo(callSid);
            assertThat(call.get("outcome").asText()).isEqualTo("texted");
            assertThat(call.get("outcomeDetail").asText()).isEqualTo("by SMS");
        });
    }

    @Test
    void whatsAppSenderThatIsNoNumberIsRefusedNamingTheField() {
        var refused = app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/whatsapp", "{\"sender\":\"whatsapp\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("sender");
        assertThat(app.getAsAdmin("/api/accounts/" + account.id() + "/whatsapp").body()).contains("\"sender\":null");
    }

    @Test
    void everyPairOfDeliveryReportsInEitherOrderEndsInTheLaterState() {
        List<List<String>> pairs = List.of(List.of("queued", "sent"), List.of("sent", "delivered"),
                List.of("queued", "delivered"), List.of("sent", "undelivered"), List.of("queued", "failed"),
                List.of("sending", "sent"), List.of("accepted", "delivered"));
        for (List<String> pair : pairs) {
            for (boolean reversed : List.of(false, true)) {
                String sid = sendTestMessage(Fixtures.newCaller());
                String first = reversed ? pair.get(1) : pair.get(0);
                String second = reversed ? pair.get(0) : pair.get(1);
                report(sid, first);
                report(sid, second);
                String later = Map.of("sending", "queued", "accepted", "queued").getOrDefault(pair.get(1), pair.get(1));
                assertThat(statusOfSid(sid)).as(first + " then " + second).isEqualTo(later);
            }
        }
    }

    @Test
    void deliveryReportArrivingBeforeTheSendIsRecordedIsKept() {
        twilio.answerTextsInTurn(caller, created().withFixedDelay(1500));

        missedCall();
        await().atMost(Duration.ofSeconds(10)).until(() -> twilio.textsTakenFor(caller).size() == 1);
        report(twilio.textsTakenFor(caller).get(0), "delivered");

        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(status()));
        assertThat(twilio.textsSentTo(caller)).hasSize(1);
    }

    @Test
    void fiveSimultaneousMissedCallsFromOneCallerWaitOnceAndTextOnce() throws Exception {
        account = Fixtures.withSettings(accountRepository, account, new TextBackSettings(true,
                TextBackSettings.DEFAULT_MESSAGE, TextBackSettings.DEFAULT_TIMEOUT_SECONDS, MissedCallTextBackOnce.KEY));
        var callers = new ArrayList<String>();
        var pool = Executors.newFixedThreadPool(5);
        try {
            for (int round = 0; round < 10; round++) {
                String roundCaller = Fixtures.newCaller();
                callers.add(roundCaller);
                var ready = new CountDownLatch(1);
                var answers = new ArrayList<java.util.concurrent.Future<Integer>>();
                for (int call = 0; call < 5; call++) {
                    String callSid = Fixtures.newCallSid();
                    answers.add(pool.submit(() -> {
                        ready.await();
                        return signed("/twilio/voice/dial-complete", Map.of("CallSid", callSid, "From", roundCaller,
                                "To", account.defaultNumber(), "DialCallStatus", "no-answer")).statusCode();
                    }));
                }
                ready.countDown();
                for (var answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
                assertThat(runtime.createProcessInstanceQuery().activityIdIn(MissedCallTextBackOnce.Element.WaitTime.id())
                        .variableValueEquals(RecipeContract.CALLER.name(), roundCaller).count()).as("round " + round)
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(40)).until(() -> callers.stream().allMatch(c -> twilio.textsTakenFor(c).size() == 1));
        Thread.sleep(1500);
        for (String c : callers) {
            assertThat(twilio.textsTakenFor(c)).as(c).hasSize(1);
        }
    }

    private String missedCall() {
        String callSid = Fixtures.newCallSid();
        var response = signed("/twilio/voice/dial-complete", Map.of("CallSid", callSid, "From", caller,
                "To", account.defaultNumber(), "DialCallStatus", "no-answer"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return callSid;
    }

    private String instanceOf(String callSid) {
        return calls.find(callSid).orElseThrow().processInstanceId();
    }

    private java.net.http.HttpResponse<String> signed(String path, Map<String, String> params) {
        return app.twilio(path, params, TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
    }

    private void report(String sid, String status) {
        var response = signed("/twilio/messaging/status", Map.of("MessageSid", sid, "MessageStatus", status));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private String sendTestMessage(String to) {
        var response = app.sendAsAdmin("POST", "/api/accounts/" + account.id() + "/test-messages",
                "{\"to\":\"" + to + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return app.messagesTo(to).get(0).get("providerSid").toString();
    }

    private String statusOfSid(String sid) {
        var response = app.getAsAdmin("/api/messages?accountId=" + account.id());
        try {
            for (var text : json.readTree(response.body())) {
                if (sid.equals(text.path("providerSid").asText())) {
                    return text.get("status").asText();
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no text with SID " + sid);
    }

    private String status() {
        var texts = app.messagesTo(caller);
        return texts.isEmpty() ? null : String.valueOf(texts.get(0).get("status"));
    }
}
