package io.textback.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.support.AppClient;
import io.textback.support.AppTests;
import io.textback.support.Fixtures;
import io.textback.support.SimulatedAppTest;
import io.textback.system.PhoneNumbers;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Any phone system reporting a missed call, on an app with no Twilio account: the text is kept
 * in the message log as simulated.
 */
@ExcludeFromProcessCoverage
@SimulatedAppTest
class GenericMissedCallWebhookTest {

    static final String API_KEY = AppTests.API_KEY;
    static final Map<String, String> WITH_KEY = Map.of("X-Api-Key", API_KEY);

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    HistoryService history;
    @Autowired
    ObjectMapper json;

    AppClient app;
    Account account;
    String caller;

    @BeforeEach
    void setUp() {
        app = new AppClient(port);
        account = Fixtures.newAccount(accounts, "Patel Plumbing");
        caller = Fixtures.newCaller();
    }

    @Test
    void reportedMissedCallIsTextedAsSimulatedAndARepeatStartsNothing() throws Exception {
        String report = report("pbx-1001-" + caller.substring(5), caller, account.defaultNumber());

        var first = app.postJson("/api/missed-calls", report, WITH_KEY);
        assertThat(first.statusCode()).isEqualTo(202);
        String instanceId = json.readTree(first.body()).get("processInstanceId").asText();
        assertThat(instanceId).isNotBlank();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(app.messagesTo(caller)).singleElement()
                .satisfies(text -> {
                    assertThat(text.get("status")).isEqualTo("simulated");
                    assertThat(text.get("body")).isEqualTo("Hi there, sorry we missed your call at Patel Plumbing. "
                            + "How can we help? Reply here and we'll get back to you.");
                }));

        var repeat = app.postJson("/api/missed-calls", report, WITH_KEY);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(json.readTree(repeat.body()).get("processInstanceId").asText()).isEqualTo(instanceId);
        assertThat(json.readTree(repeat.body()).get("outcome").asText()).isEqualTo("already-reported");
        Thread.sleep(300);
        assertThat(app.messagesTo(caller)).hasSize(1);
    }

    @Test
    void numberWrittenLocallyIsUnderstoodAsE164() throws Exception {
        String local = "(" + caller.substring(2, 5) + ") " + caller.substring(5, 8) + "-" + caller.substring(8);

        var response = app.postJson("/api/missed-calls", report("pbx-local-" + caller.substring(5), local,
                account.defaultNumber()), WITH_KEY);

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(app.messagesTo(caller)).hasSize(1));
    }

    @Test
    void badReportsAreRefusedWithTheFieldAndReasonAndStartNothing() throws Exception {
        long before = history.createHistoricProcessInstanceQuery().count();

        var notJson = app.postJson("/api/missed-calls", "{\"callId\": \"c1\", \"from\": ", WITH_KEY);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notJson.body()).get("detail").asText()).isEqualTo("the request body is not valid JSON");
        assertRefused(app.postJson("/api/missed-calls", "{\"from\":\"" + caller + "\",\"to\":\""
                + account.defaultNumber() + "\"}", WITH_KEY), "callId", "is required");
        assertRefused(app.postJson("/api/missed-calls", report("c2", "12345", account.defaultNumber()), WITH_KEY),
                "from", PhoneNumbers.NOT_A_PHONE_NUMBER);
        assertRefused(app.postJson("/api/missed-calls", report("c3", caller, "+12125550199"), WITH_KEY),
                "to", "is not a number of any account");
        assertRefused(app.postJson("/api/missed-calls", "{\"callId\":\"c4\",\"from\":\"" + caller + "\",\"to\":\""
                + account.defaultNumber() + "\",\"reason\":\"completed\"}", WITH_KEY), "reason", "must be one of");

        assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
        assertThat(app.messagesTo(caller)).isEmpty();
    }

    @Test
    void reportNeedsTheApiKeyOrAnAdminLogin() {
        String report = report("pbx-auth-" + caller.substring(5), caller, account.defaultNumber());

        assertThat(app.postJson("/api/missed-calls", report, Map.of()).statusCode()).isEqualTo(401);
        assertThat(app.postJson("/api/missed-calls", report, Map.of("X-Api-Key", "wrong")).statusCode()).isEqualTo(401);
        assertThat(app.postJson("/api/missed-calls", report, Map.of("Authorization", AppClient.adminBasic()))
                .statusCode()).isEqualTo(202);
    }

    @Test
    void twilioWebhookWithoutAnAuthTokenIsAcceptedFromThisMachine() {
        var response = app.twilioUnsigned("/twilio/voice/dial-complete", Map.of("CallSid", Fixtures.newCallSid(),
                "From", caller, "To", account.defaultNumber(), "DialCallStatus", "busy"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(app.messagesTo(caller)).singleElement()
                .satisfies(text -> assertThat(text.get("status")).isEqualTo("simulated")));
    }

    private void assertRefused(java.net.http.HttpResponse<String> response, String field, String reason)
            throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        var errors = json.readTree(response.body()).get("errors");
        assertThat(errors).as(response.body()).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("reason").asText()).contains(reason);
        });
    }

    private static String report(String callId, String from, String to) {
        return "{\"callId\":\"" + callId + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    }

}
