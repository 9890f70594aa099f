package io.textback.calls;

import static io.textback.support.TwilioStandIn.textsSentTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.textback.accounts.Account;
import io.textback.accounts.AccountService;
import io.textback.support.AppClient;
import io.textback.support.AppWithTwilioStandInTest;
import io.textback.support.Fixtures;
import io.textback.support.TwilioStandIn;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A missed call as Twilio delivers it: signed webhooks over HTTP to the running app, the job
 * executor on, the real SDK sending to a Twilio stand-in. The app believes it sits behind a
 * proxy at {@value #PUBLIC_URL}, so signatures are checked against that URL.
 */
@AppWithTwilioStandInTest
class TwilioMissedCallEndToEndTest {

    static final String PUBLIC_URL = "https://textback.example.com";

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    HistoryService history;

    AppClient app;
    Account account;
    String caller;

    @BeforeEach
    void setUp() {
        TwilioStandIn.acceptTexts();
        app = new AppClient(port);
        account = Fixtures.newAccount(accounts, "Nguyen Electric");
        caller = Fixtures.newCaller();
    }

    @Test
    void unansweredCallIsTextedOnceWithinTwoSecondsAndARepeatedWebhookChangesNothing() throws Exception {
        String callSid = Fixtures.newCallSid();
        var ringing = app.twilio("/twilio/voice/incoming", call(callSid), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        assertThat(ringing.statusCode()).isEqualTo(200);
        assertThat(ringing.body()).contains("<Dial", "timeout=\"15\"", "answerOnBridge=\"true\"",
                "action=\"" + PUBLIC_URL + "/twilio/voice/dial-complete\"", "<Number>+12125550111</Number>");

        var missed = app.twilio("/twilio/voice/dial-complete", dialResult(callSid, "no-answer"),
                TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        assertThat(missed.statusCode()).isEqualTo(200);
        assertThat(missed.body()).contains("<Say>You have reached Nguyen Electric.", "<Record");
        assertThat(missed.headers().allValues("Set-Cookie")).as("cookies set for Twilio").isEmpty();

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(app.messagesTo(caller)).singleElement()
                .satisfies(sent -> assertThat(sent.get("status")).isEqualTo("queued")));
        Map<String, Object> text = app.messagesTo(caller).get(0);
        assertThat(text.get("body")).isEqualTo("Hi there, sorry we missed your call at Nguyen Electric. "
                + "How can we help? Reply here and we'll get back to you.");
        assertThat(text.get("from")).isEqualTo(account.defaultNumber());
        assertThat((String) text.get("providerSid")).as("message %s", text).startsWith("SM");
        assertThat(textsSentTo(caller)).singleElement().satisfies(request -> {
            assertThat(request.getUrl()).isEqualTo(TwilioStandIn.MESSAGES_PATH);
            assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
                    .encodeToString((TwilioStandIn.ACCOUNT_SID + ":" + TwilioStandIn.AUTH_TOKEN).getBytes()));
            assertThat(request.formParameters()).containsOnlyKeys("To", "From", "Body", "StatusCallback");
            assertThat(request.formParameters().get("To").firstValue()).isEqualTo(caller);
            assertThat(request.formParameters().get("From").firstValue()).isEqualTo(account.defaultNumber());
            assertThat(request.formParameters().get("Body").firstValue()).isEqualTo(text.get("body"));
            assertThat(request.formParameters().get("StatusCallback").firstValue())
                    .isEqualTo(PUBLIC_URL + "/twilio/messaging/status");
        });
        await().atMost(Duration.ofSeconds(2)).until(() -> history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(callSid).finished().count() == 1);

        var again = app.twilio("/twilio/voice/dial-complete", dialResult(callSid, "no-answer"),
                TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        assertThat(again.statusCode()).isEqualTo(200);
        Thread.sleep(500);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(callSid).count()).isEqualTo(1);
        assertThat(app.messagesTo(caller)).hasSize(1);
        assertThat(textsSentTo(caller)).hasSize(1);
    }

    @Test
    void deliveryReportFromTwilioUpdatesTheMessageLog() throws Exception {
        app.twilio("/twilio/voice/dial-complete", dialResult(Fixtures.newCallSid(), "busy"), TwilioStandIn.AUTH_TOKEN,
                PUBLIC_URL);
        await().atMost(Duration.ofSeconds(2)).until(() -> app.messagesTo(caller).size() == 1
                && "queued".equals(app.messagesTo(caller).get(0).get("status")));
        String sid = (String) app.messagesTo(caller).get(0).get("providerSid");

        var report = app.twilio("/twilio/messaging/status", Map.of("MessageSid", sid, "MessageStatus", "delivered",
                "To", caller, "AccountSid", TwilioStandIn.ACCOUNT_SID), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        var late = app.twilio("/twilio/messaging/status", Map.of("MessageSid", sid, "MessageStatus", "sent",
                "To", caller, "AccountSid", TwilioStandIn.ACCOUNT_SID), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);

        assertThat(List.of(report.statusCode(), late.statusCode())).containsOnly(204);
        assertThat(app.messagesTo(caller).get(0).get("status")).as("a late 'sent' does not undo 'delivered'")
                .isEqualTo("delivered");
    }

    @Test
    void callerWhoTextedStopIsNeverTextedAgainUntilStart() throws Exception {
        app.twilio("/twilio/messaging/incoming", Map.of("From", caller, "To", account.defaultNumber(), "Body", "Stop "),
                TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);

        app.twilio("/twilio/voice/dial-complete", dialResult(Fixtures.newCallSid(), "no-answer"),
                TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        await().atMost(Duration.ofSeconds(2)).until(() -> app.messagesTo(caller).size() == 1
                && "opted-out".equals(app.messagesTo(caller).get(0).get("status")));
        assertThat(textsSentTo(caller)).isEmpty();

        app.twilio("/twilio/messaging/incoming", Map.of("From", caller, "To", account.defaultNumber(), "Body", "START"),
                TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        app.twilio("/twilio/voice/dial-complete", dialResult(Fixtures.newCallSid(), "no-answer"),
                TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);
        await().atMost(Duration.ofSeconds(2)).until(() -> textsSentTo(caller).size() == 1);
    }

    @Test
    void knownContactIsGreetedByName() throws Exception {
        var saved = app.sendAsAdmin("PUT", "/api/accounts/" + account.id() + "/contacts/" + caller,
                "{\"firstName\":\"Maria\",\"lastName\":\"Lopez\",\"tags\":[\"VIP\"]}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        app.twilio("/twilio/voice/dial-complete", dialResult(Fixtures.newCallSid(), "no-answer"),
                TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);

        await().atMost(Duration.ofSeconds(2)).until(() -> app.messagesTo(caller).size() == 1);
        assertThat((String) app.messagesTo(caller).get(0).get("body")).startsWith("Hi Maria, sorry we missed your call");
        var found = app.getAsAdmin("/api/accounts/" + account.id() + "/contacts?q=mari");
        assertThat(found.body()).contains("\"phoneNumber\":\"" + caller + "\"", "\"VIP\"", "\"lastCallAt\"");
    }

    @Test
    void answeredCallStartsNothing() throws Exception {
        String callSid = Fixtures.newCallSid();
        app.twilio("/twilio/voice/incoming", call(callSid), TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);

        var answered = app.twilio("/twilio/voice/dial-complete", dialResult(callSid, "completed"),
                TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).contains("<Hangup/>").doesNotContain("<Record");
        Thread.sleep(500);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(callSid).count()).isZero();
        assertThat(app.messagesTo(caller)).isEmpty();
    }

    @Test
    void wrongSignatureIsRefusedAndStartsNothing() throws Exception {
        String callSid = Fixtures.newCallSid();
        var params = dialResult(callSid, "no-answer");

        var forged = app.twilio("/twilio/voice/dial-complete", params, "not-the-auth-token", PUBLIC_URL);
        var unsigned = app.twilioUnsigned("/twilio/voice/dial-complete", params, null);
        var signedForAnotherUrl = app.twilio("/twilio/voice/dial-complete", params, TwilioStandIn.AUTH_TOKEN,
                "https://attacker.example.com");

        assertThat(List.of(forged.statusCode(), unsigned.statusCode(), signedForAnotherUrl.statusCode()))
                .containsOnly(403);
        Thread.sleep(500);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(callSid).count()).isZero();
        assertThat(app.messagesTo(caller)).isEmpty();
    }

    @Test
    void callToANumberNoAccountOwnsIsToldSoAndStartsNothing() {
        var params = Map.of("CallSid", Fixtures.newCallSid(), "From", caller, "To", "+12125550199");

        var response = app.twilio("/twilio/voice/incoming", params, TwilioStandIn.AUTH_TOKEN, PUBLIC_URL);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Say>Sorry, this number is not in service.</Say>", "<Hangup/>");
    }

    @Test
    void apiNeedsALogin() {
        assertThat(app.get("/api/messages").statusCode()).isEqualTo(401);
        assertThat(app.get("/api/accounts").statusCode()).isEqualTo(401);
        assertThat(app.getAsAdmin("/api/accounts").statusCode()).isEqualTo(200);
        assertThat(app.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    private Map<String, String> call(String callSid) {
        return Map.of("CallSid", callSid, "From", caller, "To", account.defaultNumber(), "CallStatus", "ringing",
                "AccountSid", TwilioStandIn.ACCOUNT_SID);
    }

    private Map<String, String> dialResult(String callSid, String dialCallStatus) {
        return Map.of("CallSid", callSid, "From", caller, "To", account.defaultNumber(), "DialCallStatus",
                dialCallStatus, "AccountSid", TwilioStandIn.ACCOUNT_SID);
    }

}
